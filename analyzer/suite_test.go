package analyzer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/closewait/closewait/analyzer"
	"golang.org/x/tools/go/analysis"
)

// TestSuite checks what every driver relies on: valid analyzers, unique
// names in order, and a URL and a doc title for each.
func TestSuite(t *testing.T) {
	if err := analysis.Validate(analyzer.Suite); err != nil {
		t.Fatal(err)
	}
	got := names(analyzer.Suite)
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("Suite names %v: want sorted and unique", got)
	}
	for _, a := range analyzer.Suite {
		if want := "https://pkg.go.dev/github.com/closewait/closewait/passes/" + a.Name; a.URL != want {
			t.Errorf("%s: URL %q, want %q (every check's URL is its package's doc)", a.Name, a.URL, want)
		}
		title, _, _ := strings.Cut(a.Doc, "\n\n")
		if title == "" || strings.Contains(title, "\n") || strings.HasSuffix(title, ".") {
			t.Errorf("%s: doc title %q: want one line without a period", a.Name, title)
		}
	}
}
