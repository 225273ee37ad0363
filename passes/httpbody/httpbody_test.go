package httpbody_test

import (
	"testing"

	"github.com/closewait/closewait/passes/httpbody"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestHTTPBody(t *testing.T) {
	testutil.Messages(t, "httpbody", analysistest.Run(t, analysistest.TestData(), httpbody.Analyzer,
		"httpbody/paths", "httpbody/bodyclose", "httpbody/facts/httpuser", "httpbody/intests", "httpbody/head", "httpbody/idioms"))
}

func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), conntrack.Analyzer, "httpbody/facts/httplib")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), httpbody.Analyzer, "httpbody/fix")
}

func TestDrain(t *testing.T) {
	testutil.Messages(t, "httpbody-drain", analysistest.Run(t, analysistest.TestData(), httpbody.New(httpbody.Config{Drain: true}), "httpbody/drain"))
}

func TestStrict(t *testing.T) {
	testutil.Messages(t, "httpbody-strict", analysistest.Run(t, analysistest.TestData(), httpbody.New(httpbody.Config{Strict: true}), "httpbody/strict"))
}
