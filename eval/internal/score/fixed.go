package score

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"strings"
)

// Fixed is a leak fixed upstream: the module at the version before the
// fix and at the version after it, and where the leak was. A line of
// fixed.tsv.
type Fixed struct {
	Module string // module path
	Before string // last version with the leak
	After  string // first version with the fix
	Pkg    string // package pattern to analyse, relative to the module ("." for the root)
	File   string // file of the leak, relative to the module root (the same in both versions)
	Func   string // function of the leak: "Name" or "Recv.Name"
	Check  string // the check expected to report it
	URL    string // the fix upstream
	Short  bool   // in the bounded -short subset
	// Flagged is the verified baseline: the leak was flagged before its
	// fix when the entry was added (false: a known miss, kept to measure
	// recall). Losing a flagged leak fails the run.
	Flagged bool
}

// FixedHeader is the header line of fixed.tsv.
const FixedHeader = "module\tbefore\tafter\tpkg\tfile\tfunc\tcheck\turl\tshort\tbaseline"

// ParseFixed reads fixed.tsv: the columns of FixedHeader, tab-separated;
// '#' starts a comment line.
func ParseFixed(r io.Reader) ([]Fixed, error) {
	var fs []Fixed
	err := eachRow(r, 10, func(line int, f []string) error {
		if strings.Join(f, "\t") == FixedHeader {
			return nil
		}
		if f[8] != "yes" && f[8] != "no" {
			return fmt.Errorf("line %d: short %q is not yes or no", line, f[8])
		}
		if f[1] == f[2] {
			return fmt.Errorf("line %d: before and after are the same version", line)
		}
		if f[9] != "flagged" && f[9] != "missed" {
			return fmt.Errorf("line %d: baseline %q is not flagged or missed", line, f[9])
		}
		fs = append(fs, Fixed{Module: f[0], Before: f[1], After: f[2], Pkg: f[3], File: f[4], Func: f[5], Check: f[6], URL: f[7], Short: f[8] == "yes", Flagged: f[9] == "flagged"})
		return nil
	})
	return fs, err
}

// PkgPath is the import path of the package to analyse.
func (x Fixed) PkgPath() string {
	if x.Pkg == "." || x.Pkg == "" {
		return x.Module
	}
	return x.Module + "/" + x.Pkg
}

// FuncLines returns the first and last line of the function named name
// ("F" or "T.M"; a pointer receiver is written without its star) in the
// Go source src.
func FuncLines(filename string, src []byte, name string) (first, last int, err error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return 0, 0, err
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || funcName(fd) != name {
			continue
		}
		return fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line, nil
	}
	return 0, 0, fmt.Errorf("%s: no function %s", filename, name)
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		}
		break
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// InFunc returns the findings of check (any check if empty or "*") in file
// between lines first and last.
func InFunc(fs []Finding, file, check string, first, last int) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.File == file && f.Line >= first && f.Line <= last && (check == "" || check == "*" || f.Check == check) {
			out = append(out, f)
		}
	}
	return out
}
