// Package passutil holds the small questions that the core and every pass
// ask of the code under analysis, each answered in one place: is this
// position in a test file, is this type the named type path.Name, does it
// implement an interface of some package, which package of the import
// graph has this path.
package passutil

import (
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// InTestFile reports whether pos is in a _test.go file.
func InTestFile(fset *token.FileSet, pos token.Pos) bool {
	return strings.HasSuffix(fset.Position(pos).Filename, "_test.go")
}

// NamedObj returns the type name of t, or of what t points to, if it is a
// named type; nil otherwise. Aliases are looked through.
func NamedObj(t types.Type) *types.TypeName {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

// IsNamed reports whether t, or what t points to, is the named type
// path.name.
func IsNamed(t types.Type, path, name string) bool {
	obj := NamedObj(t)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == path && obj.Name() == name
}

// QualifiedName returns "path.Name" for a named type or a pointer to one
// (the pointer found through the type's underlying type), or "".
func QualifiedName(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	return named.Obj().Pkg().Path() + "." + named.Obj().Name()
}

// IsPkgFunc reports whether obj is a package-level function of the
// package path named one of names, or of any name if names is empty.
func IsPkgFunc(obj types.Object, path string, names ...string) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == path && fn.Signature().Recv() == nil &&
		(len(names) == 0 || slices.Contains(names, fn.Name()))
}

// Implements reports whether t implements the interface path.name, found
// among the packages that t's method set mentions (the methods' packages
// and their direct imports).
func Implements(t types.Type, path, name string) bool {
	iface := lookupIface(t, path, name)
	return iface != nil && types.Implements(t, iface)
}

// lookupIface finds the interface path.name through the package of t's
// named type and its imports (the common case, and cheap), else through
// the methods of t.
func lookupIface(t types.Type, path, name string) *types.Interface {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if named, ok := types.Unalias(t).(*types.Named); ok && named.Obj().Pkg() != nil {
		if iface := ifaceIn(named.Obj().Pkg(), path, name); iface != nil {
			return iface
		}
	}
	ms := types.NewMethodSet(t)
	for i := range ms.Len() {
		fn, ok := ms.At(i).Obj().(*types.Func)
		if !ok || fn.Pkg() == nil {
			continue
		}
		if iface := ifaceIn(fn.Pkg(), path, name); iface != nil {
			return iface
		}
	}
	return nil
}

// ifaceIn returns the interface path.name if pkg is that package or
// imports it directly, else nil.
func ifaceIn(pkg *types.Package, path, name string) *types.Interface {
	p := pkg
	if p.Path() != path {
		p = nil
		for _, imp := range pkg.Imports() {
			if imp.Path() == path {
				p = imp
				break
			}
		}
	}
	if p == nil {
		return nil
	}
	if obj, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
		iface, _ := obj.Type().Underlying().(*types.Interface)
		return iface
	}
	return nil
}

// FindImport returns the package of path among pkg's transitive imports
// (pkg itself included), or nil.
func FindImport(pkg *types.Package, path string) *types.Package {
	seen := map[*types.Package]bool{pkg: true}
	stack := []*types.Package{pkg}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p.Path() == path {
			return p
		}
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				stack = append(stack, imp)
			}
		}
	}
	return nil
}

// ImportsDirectly reports whether pkg imports path itself.
func ImportsDirectly(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}
