// Package analyzer is closewait's public entry point: the suite of
// analyzers that the command, go vet and the golangci-lint plugin run.
package analyzer

import (
	"github.com/closewait/closewait/passes/closewait"
	"github.com/closewait/closewait/passes/connleak"
	"github.com/closewait/closewait/passes/deadline"
	"github.com/closewait/closewait/passes/deferloop"
	"github.com/closewait/closewait/passes/filedup"
	"github.com/closewait/closewait/passes/httpbody"
	"github.com/closewait/closewait/passes/httpclient"
	"github.com/closewait/closewait/passes/linger"
	"github.com/closewait/closewait/passes/reconnect"
	"golang.org/x/tools/go/analysis"
)

// Suite lists every closewait analyzer, sorted by name.
var Suite = []*analysis.Analyzer{
	closewait.Analyzer,
	connleak.Analyzer,
	deadline.Analyzer,
	deferloop.Analyzer,
	filedup.Analyzer,
	httpbody.Analyzer,
	httpclient.Analyzer,
	linger.Analyzer,
	reconnect.Analyzer,
}

// NewSuite returns new instances of the analyzers of Suite, in the same
// order, each with a configuration (and flags) of its own: setting their
// flags changes nothing in Suite or in any other instance.
func NewSuite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		closewait.New(closewait.Config{}),
		connleak.New(connleak.Config{}),
		deadline.New(deadline.Config{}),
		deferloop.New(deferloop.Config{}),
		filedup.New(filedup.Config{}),
		httpbody.New(httpbody.Config{}),
		httpclient.New(httpclient.Config{}),
		linger.New(linger.Config{}),
		reconnect.New(reconnect.Config{}),
	}
}
