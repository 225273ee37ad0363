package closewait_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/closewait/closewait/passes/closewait"
	"github.com/closewait/closewait/passes/connleak"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestCloseWait runs both passes over every topic package in one load
// (each load type-checks the standard library from source, as the core
// has facts).
func TestCloseWait(t *testing.T) {
	a := testutil.Combined(closewait.Analyzer, connleak.Analyzer)
	testutil.Messages(t, "closewait", analysistest.Run(t, analysistest.TestData(), a,
		"closewait/readerr",
		"closewait/evidence",
		"closewait/goroutines",
		"closewait/wrappers",
		"closewait/helpers",
		"closewait/typeparams",
		"closewait/control",
		"closewait/mainpkg",
		"closewait/testfiles",
		"closewait/realbugs",
	))
}

// TestFacts checks the summaries connlib exports, then that package user
// is reported (or not) only because of them.
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), conntrack.Analyzer, "closewait/facts/connlib")
	a := testutil.Combined(closewait.Analyzer, connleak.Analyzer)
	testutil.Messages(t, "closewait-facts", analysistest.Run(t, analysistest.TestData(), a, "closewait/facts/user"))
}

// TestDiagnosticShape checks what `// want` cannot see: the analyzer
// alone reports only read failures, with its category and the related
// positions of the source, the read and the exit.
func TestDiagnosticShape(t *testing.T) {
	results := analysistest.Run(&quiet{T: t}, analysistest.TestData(), closewait.Analyzer, "closewait/readerr")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if d.Category != "readerr" {
				t.Errorf("%v: category %q, want readerr", r.Pass.Fset.Position(d.Pos), d.Category)
			}
			if !strings.Contains(d.Message, "CLOSE_WAIT") {
				t.Errorf("%v: message does not name CLOSE_WAIT: %s", r.Pass.Fset.Position(d.Pos), d.Message)
			}
			var msgs []string
			for _, rel := range d.Related {
				if !rel.Pos.IsValid() {
					t.Errorf("related position invalid in %s", d.Message)
				}
				msgs = append(msgs, rel.Message)
			}
			joined := strings.Join(msgs, "|")
			if !strings.Contains(joined, "made") || !strings.Contains(joined, "read fails") {
				t.Errorf("%v: related = %q, want the source and the read", r.Pass.Fset.Position(d.Pos), joined)
			}
		}
	}
	if n < 10 {
		t.Errorf("closewait alone reported %d diagnostics on closewait/readerr, want >= 10", n)
	}
	if closewait.Analyzer.URL == "" || !strings.HasPrefix(closewait.Analyzer.Doc, "report conns not closed") {
		t.Errorf("analyzer metadata: URL %q, Doc %q", closewait.Analyzer.URL, closewait.Analyzer.Doc)
	}
}

// quiet lets analysistest run a package that also holds connleak's wants:
// it drops the "no diagnostic was reported" errors for them, and keeps
// every other failure.
type quiet struct {
	*testing.T
}

func (q *quiet) Errorf(format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = strings.TrimSpace(fmt.Sprintf(format, args...))
	}
	if strings.Contains(msg, "no diagnostic was reported matching") && !strings.Contains(msg, "fails") {
		return // a connleak expectation
	}
	q.T.Helper()
	q.T.Error(msg)
}

// TestSkipped checks -closewait.skipped on a generated function over the
// core's budget (800 conns, 3201 blocks: 2.6M units of work, the budget
// is 2M): reported with the flag, silent without it.
func TestSkipped(t *testing.T) {
	t.Parallel()
	var sb strings.Builder
	sb.WriteString("package skipped\n\nimport \"net\"\n\n")
	sb.WriteString("func giant(addr string, x int) error { %s\n")
	for i := range 800 {
		fmt.Fprintf(&sb, "\tc%d, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tif x == %d {\n\t\tc%d.Close()\n\t}\n", i, i, i)
	}
	sb.WriteString("\treturn nil\n}\n")
	write := func(want string) string {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "src", "skipped"), 0o777); err != nil {
			t.Fatal(err)
		}
		src := strings.Replace(sb.String(), "%s", want, 1)
		if err := os.WriteFile(filepath.Join(dir, "src", "skipped", "skipped.go"), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	analysistest.Run(t, write(`// want "skipped.giant was not analysed \\(function too large for the dataflow budget\\)"`),
		closewait.New(closewait.Config{Skipped: true}), "skipped")
	analysistest.Run(t, write(""), closewait.Analyzer, "skipped")
}
