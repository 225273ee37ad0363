package checkdoc_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/cmd/closewait/internal/checkdoc"
)

// TestChecksDocUpToDate fails when docs/checks.md does not match the
// analyzers' docs.
func TestChecksDocUpToDate(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "docs", "checks.md")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := checkdoc.Page(analyzer.Suite); !bytes.Equal(got, want) {
		t.Errorf("docs/checks.md is stale: run `go generate ./cmd/closewait` and commit the result")
	}
}

// TestPage checks the page's shape: a section and anchor per analyzer
// of the suite, whatever the suite holds.
func TestPage(t *testing.T) {
	page := string(checkdoc.Page(analyzer.Suite))
	for _, a := range analyzer.Suite {
		for _, want := range []string{
			"<a id=\"" + a.Name + "\"></a>\n\n## " + a.Name + "\n",
			"| [`" + a.Name + "`](#" + a.Name + ") |",
			"**" + checkdoc.Title(a) + "**",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %q", want)
			}
		}
	}
}

func TestMarkdown(t *testing.T) {
	got := checkdoc.Markdown("x", "Intro text.\n\n# What it does\n\nBad:\n\n\tc.Close()\n\nList:\n  - one\n  - two\n", 3)
	want := "Intro text.\n\n<a id=\"x-what-it-does\"></a>\n\n### What it does\n\nBad:\n\n```go\nc.Close()\n```\n\nList:\n\n  - one\n  - two\n"
	if got != want {
		t.Errorf("Markdown =\n%s\nwant\n%s", got, want)
	}
}

// TestReadmeSuppressionTable keeps README's suppression table equal to
// the generated one in docs/checks.md.
func TestReadmeSuppressionTable(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if table := checkdoc.SuppressionTable(analyzer.Suite); !strings.Contains(string(readme), table) {
		t.Errorf("README.md lacks the suppression table of docs/checks.md; paste it:\n%s", table)
	}
}
