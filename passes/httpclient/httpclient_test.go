package httpclient_test

import (
	"strings"
	"testing"

	"github.com/closewait/closewait/passes/httpclient"
	"github.com/closewait/closewait/passes/internal/report"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// prefix maps each category to a phrase its messages contain.
var prefix = map[string]string{
	"transportperrequest": " is created ",
	"serverheadertimeout": "http.Server has no ReadHeaderTimeout",
	"serveridletimeout":   "http.Server has no IdleTimeout",
	"listenandserve":      " serves with a zero http.Server",
	"clienttimeout":       " sends through ",
	"handlerclient":       " in an HTTP handler ",
}

// run runs a over pkgs with analysistest, then checks that every
// diagnostic has the category of its sub-check and that each package's
// diagnostics come out sorted by file name and offset. It returns the categories
// seen.
func run(t *testing.T, a *analysis.Analyzer, pkgs ...string) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	results := analysistest.Run(t, analysistest.TestData(), a, pkgs...)
	testutil.Messages(t, t.Name(), results)
	for _, r := range results {
		for i, d := range r.Diagnostics {
			if want, ok := prefix[d.Category]; !ok || !strings.Contains(d.Message, want) {
				t.Errorf("%v: category %q for %q", r.Pass.Fset.Position(d.Pos), d.Category, d.Message)
			}
			if i > 0 && report.ComparePos(r.Pass.Fset, d.Pos, r.Diagnostics[i-1].Pos) < 0 {
				t.Errorf("%v: reported after %v", r.Pass.Fset.Position(d.Pos), r.Pass.Fset.Position(r.Diagnostics[i-1].Pos))
			}
			seen[d.Category] = true
		}
	}
	return seen
}

func TestTransport(t *testing.T) {
	t.Parallel()
	run(t, httpclient.Analyzer, "httpclient/transport", "httpclient/ctorlib", "httpclient/ctoruser", "httpclient/mainpkg")
}

func TestServer(t *testing.T) {
	t.Parallel()
	seen := run(t, httpclient.Analyzer, "httpclient/server", "httpclient/serverreturn", "httpclient/fileset")
	if !seen["serverheadertimeout"] || !seen["listenandserve"] || seen["serveridletimeout"] {
		t.Errorf("categories %v: want serverheadertimeout and listenandserve, and serveridletimeout only with -idle", seen)
	}
}

func TestServerIdle(t *testing.T) {
	t.Parallel()
	if !run(t, httpclient.New(httpclient.Config{Idle: true}), "httpclient/serveridle")["serveridletimeout"] {
		t.Error("no serveridletimeout diagnostic")
	}
}

func TestClientTimeout(t *testing.T) {
	t.Parallel()
	run(t, httpclient.New(httpclient.Config{Timeout: true}), "httpclient/clienttimeout")
}

func TestHandlers(t *testing.T) {
	t.Parallel()
	run(t, httpclient.New(httpclient.Config{Handlers: true}), "httpclient/handler")
}

func TestSkipsTests(t *testing.T) {
	t.Parallel()
	run(t, httpclient.Analyzer, "httpclient/intests")
}

func TestTestsFlag(t *testing.T) {
	t.Parallel()
	run(t, httpclient.New(httpclient.Config{Tests: true}), "httpclient/testsflag")
}

// TestFlag checks that a flag sets the instance's own configuration and
// not the package's default analyzer.
func TestFlag(t *testing.T) {
	t.Parallel()
	a := httpclient.New(httpclient.Config{})
	for _, name := range []string{"idle", "timeout", "handlers", "tests"} {
		if err := a.Flags.Set(name, "true"); err != nil {
			t.Fatal(err)
		}
		if got := httpclient.Analyzer.Flags.Lookup(name).Value.String(); got != "false" {
			t.Errorf("setting -%s on one instance set the default analyzer's to %s", name, got)
		}
		if got := a.Flags.Lookup(name).Value.String(); got != "true" {
			t.Errorf("-%s = %s after setting it", name, got)
		}
	}
}
