package report

import (
	"go/token"
	"slices"
	"testing"
)

// TestComparePosFileOrder checks that positions are ordered by file name
// and offset whatever order the files were added to the FileSet in: the
// drivers parse files concurrently, so "b.go" may get the lower base.
func TestComparePosFileOrder(t *testing.T) {
	for _, names := range [][]string{{"a.go", "b.go"}, {"b.go", "a.go"}} {
		fset := token.NewFileSet()
		files := make(map[string]*token.File)
		for _, name := range names {
			files[name] = fset.AddFile(name, -1, 100)
		}
		a, b := files["a.go"], files["b.go"]
		got := []token.Pos{b.Pos(5), a.Pos(50), token.NoPos, b.Pos(1), a.Pos(7)}
		slices.SortFunc(got, func(x, y token.Pos) int { return ComparePos(fset, x, y) })
		want := []token.Pos{token.NoPos, a.Pos(7), a.Pos(50), b.Pos(1), b.Pos(5)}
		if !slices.Equal(got, want) {
			t.Errorf("files added as %v: sorted %v, want %v", names, got, want)
		}
	}
}
