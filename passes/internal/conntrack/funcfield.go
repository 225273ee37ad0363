package conntrack

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// funcFieldTarget returns the one function a dynamic call through a
// func-valued struct field can call: t.f(c) where f is an unexported
// field of a struct declared in this package, and every assignment to f
// in the package's syntax is one of the stores the built SSA shows, each
// storing the same function or function literal (t.tlsClient = func(conn
// net.Conn, ...) *tls.Conn { return tls.Client(conn, cfg) }). It returns
// nil when the field may hold anything else.
func (c *checker) funcFieldTarget(common *ssa.CallCommon) *ssa.Function {
	if common.IsInvoke() {
		return nil
	}
	load, ok := common.Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	field := fieldVar(fa)
	if field == nil || field.Exported() || field.Pkg() != c.pass.Pkg {
		return nil
	}
	if t, ok := c.funcFields[field]; ok {
		return t
	}
	t := c.computeFuncField(field)
	if c.funcFields == nil {
		c.funcFields = make(map[*types.Var]*ssa.Function)
	}
	c.funcFields[field] = t
	return t
}

func (c *checker) computeFuncField(field *types.Var) *ssa.Function {
	var target *ssa.Function
	stores := 0
	for _, fn := range c.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					if fa, ok := instr.(*ssa.FieldAddr); ok && fieldVar(fa) == field && !onlyLoadStore(fa) {
						return nil // &t.f taken: stores out of sight
					}
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok || fieldVar(fa) != field {
					continue
				}
				var f *ssa.Function
				switch v := st.Val.(type) {
				case *ssa.Function:
					f = v
				case *ssa.MakeClosure:
					f, _ = v.Fn.(*ssa.Function)
				}
				if f == nil || (target != nil && f != target) {
					return nil
				}
				target = f
				stores++
			}
		}
	}
	if target == nil || stores != c.syntaxAssigns(field) {
		return nil // an assignment in a function the SSA was not built for
	}
	return target
}

// onlyLoadStore reports whether the address of a field is only loaded
// from and stored to.
func onlyLoadStore(fa *ssa.FieldAddr) bool {
	for _, ref := range *fa.Referrers() {
		switch u := ref.(type) {
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if u.Addr != ssa.Value(fa) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// syntaxAssigns counts the assignments to field in the package's files,
// composite literal elements included. An unkeyed literal, ++ or an
// address taken make it -1: not a count to trust.
func (c *checker) syntaxAssigns(field *types.Var) int {
	n := 0
	info := c.pass.TypesInfo
	isField := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		s, ok := info.Selections[sel]
		return ok && s.Obj() == field
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(node ast.Node) bool {
			switch x := node.(type) {
			case *ast.AssignStmt:
				for _, l := range x.Lhs {
					if isField(l) {
						n++
					}
				}
			case *ast.UnaryExpr:
				if x.Op == token.AND && isField(x.X) {
					n = -1 << 20
				}
			case *ast.CompositeLit:
				st, ok := info.TypeOf(x).Underlying().(*types.Struct)
				if !ok {
					break
				}
				for i, el := range x.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok && info.Uses[id] == field {
							n++
						}
					} else if i < st.NumFields() && st.Field(i) == field {
						n++
					}
				}
			}
			return true
		})
	}
	return n
}
