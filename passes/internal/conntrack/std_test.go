package conntrack_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/closewait/closewait/passes/internal/conntrack"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestStdNetworking runs the core over the networking packages of the
// standard library, tests included, and checks that it skips no
// function (no budget overrun, no recovered crash), that its facts encode
// deterministically (checker.Options.SanityCheck), and that two runs give
// the same findings in the same order.
func TestStdNetworking(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the networking half of std from source (~20s)")
	}
	t.Setenv("CLOSEWAIT_STD", "1") // std is skipped unless asked for
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: true}
	pkgs, err := packages.Load(cfg, "net/...", "crypto/tls", "net/http/...")
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading std", n)
	}
	run := func() []string {
		graph, err := checker.Analyze([]*analysis.Analyzer{conntrack.Analyzer}, pkgs, &checker.Options{SanityCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for act := range graph.All() {
			if act.Err != nil {
				t.Errorf("%s: %v", act, act.Err)
			}
			if !act.IsRoot || act.Analyzer != conntrack.Analyzer {
				continue
			}
			res := act.Result.(*conntrack.Result)
			for _, s := range res.Skipped() {
				t.Errorf("%s: skipped %s: %s", act.Package.PkgPath, s.Func, s.Reason)
			}
			for _, f := range res.Findings() {
				out = append(out, fmt.Sprintf("%s %v %d", act.Package.ID, act.Package.Fset.Position(f.Pos), f.Kind))
			}
		}
		slices.Sort(out) // the graph's order of packages is not ours to fix
		return out
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Errorf("two runs differ:\n%v\n%v", first, second)
	}
	if len(first) == 0 {
		t.Error("no findings over std networking packages; the tests there are known to leak conns")
	}
	t.Logf("%d findings", len(first))
}
