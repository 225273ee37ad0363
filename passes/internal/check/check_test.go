package check

import (
	"flag"
	"strings"
	"testing"

	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

const doc = `// Package demo is a check for tests.
//
// # Analyzer demo
//
// demo: report nothing
//
// It is a check of this package's tests.
package demo
`

func TestNew(t *testing.T) {
	spec := Spec{
		Name: "demo", Doc: doc, UnusedIgnores: true,
		Run: func(*analysis.Pass, *report.Reporter) (any, error) { return nil, nil },
		Flags: func(fs *flag.FlagSet) {
			fs.Bool("opt", false, "an option of the check")
		},
	}
	a, b := New(spec), New(spec)
	if a.Name != "demo" || a.URL != "https://pkg.go.dev/github.com/closewait/closewait/passes/demo" || !strings.HasPrefix(a.Doc, "report nothing") {
		t.Errorf("New = %s %s %q", a.Name, a.URL, a.Doc)
	}
	if a.Flags.Lookup("opt") == nil {
		t.Error("the check's own flag is not registered")
	}
	f := a.Flags.Lookup("unused-ignores")
	if f == nil {
		t.Fatal("no -unused-ignores flag")
	}
	if f.DefValue != "true" {
		t.Errorf("unused-ignores default = %s, want true (Spec.UnusedIgnores)", f.DefValue)
	}
	if err := a.Flags.Set("unused-ignores", "false"); err != nil {
		t.Fatal(err)
	}
	if got := b.Flags.Lookup("unused-ignores").Value.String(); got != "true" {
		t.Errorf("setting one instance's flag changed another's: %s", got)
	}
}
