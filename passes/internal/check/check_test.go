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

// TestTestsFlag checks that every check has -tests, of one shape (a
// boolean): the check's own when it registers one, the reporter's
// (default true) otherwise.
func TestTestsFlag(t *testing.T) {
	run := func(*analysis.Pass, *report.Reporter) (any, error) { return nil, nil }
	plain := New(Spec{Name: "demo", Doc: doc, Run: run})
	if f := plain.Flags.Lookup("tests"); f == nil || f.DefValue != "true" {
		t.Errorf("a check without its own -tests: flag %v, want the reporter's, default true", f)
	}
	own := New(Spec{Name: "demo", Doc: doc, Run: run, Flags: func(fs *flag.FlagSet) {
		fs.Bool("tests", false, "the check's own")
	}})
	if f := own.Flags.Lookup("tests"); f == nil || f.Usage != "the check's own" || f.DefValue != "false" {
		t.Errorf("a check with its own -tests: flag %v, want it kept", f)
	}
	for _, a := range []*analysis.Analyzer{plain, own} {
		if bf, ok := a.Flags.Lookup("tests").Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
			t.Errorf("-tests is not a boolean flag")
		}
	}
}
