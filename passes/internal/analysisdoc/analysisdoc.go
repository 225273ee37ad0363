// Package analysisdoc extracts an analyzer's documentation from the doc
// comment of its package, so that doc.go is the single source for
// pkg.go.dev, `closewait help` and docs/checks.md.
//
// The package comment holds a section per analyzer:
//
//	// # Analyzer closewait
//	//
//	// closewait: report conns not closed when a read fails
//	//
//	// Body...
package analysisdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the documentation of analyzer name from src, the source
// of a doc.go file: the text of its "# Analyzer name" section, starting
// with the title that follows "name: ".
func Extract(src, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return "", fmt.Errorf("parsing doc of %s: %v", name, err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc of %s: no package doc comment", name)
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	_, rest, ok := strings.Cut(text, heading)
	if !ok {
		return "", fmt.Errorf("doc of %s: no %q heading", name, strings.TrimSpace(heading))
	}
	rest = strings.TrimLeft(rest, "\n")
	prefix := name + ": "
	if !strings.HasPrefix(rest, prefix) {
		return "", fmt.Errorf("doc of %s: section must start with %q", name, prefix)
	}
	rest = rest[len(prefix):]
	if i := strings.Index(rest, "\n# Analyzer "); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(rest) + "\n", nil
}

// MustExtract is like Extract but panics on a malformed doc, so that a
// broken doc fails as soon as the analyzer's package is loaded.
func MustExtract(src, name string) string {
	doc, err := Extract(src, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Title returns the first paragraph of doc.
func Title(doc string) string {
	title, _, _ := strings.Cut(doc, "\n\n")
	return strings.TrimSpace(title)
}
