package conntrack

// This file resolves calls through func-valued fields: t.f(c), where f is
// an unexported field of a struct declared in this package that only ever
// holds one function, calls that function (emiago/sipgo's tlsClient).

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
	if c.funcFields == nil {
		c.funcFields = c.indexFuncFields()
	}
	return c.funcFields[field]
}

// fieldInfo is what the SSA shows of the stores to one func-valued field.
type fieldInfo struct {
	target *ssa.Function // the one function stored, if any
	stores int
	bad    bool // something else is stored, or the address escapes
}

// indexFuncFields maps each func-valued field of this package's structs
// to the one function it holds, in one pass over the built SSA and one
// over the syntax. A field is left out when two stores store different
// functions, one stores something else, its address is taken, or the
// syntax has assignments the built SSA does not (a function that was not
// built).
func (c *checker) indexFuncFields() map[*types.Var]*ssa.Function {
	fields := make(map[*types.Var]*fieldInfo)
	get := func(f *types.Var) *fieldInfo {
		fi := fields[f]
		if fi == nil {
			fi = new(fieldInfo)
			fields[f] = fi
		}
		return fi
	}
	for _, fn := range c.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				field := fieldVar(fa)
				if field == nil || field.Pkg() != c.pass.Pkg {
					continue
				}
				if _, ok := field.Type().Underlying().(*types.Signature); !ok {
					continue
				}
				fi := get(field)
				for _, ref := range *fa.Referrers() {
					switch u := ref.(type) {
					case *ssa.UnOp:
						fi.bad = fi.bad || u.Op != token.MUL
					case *ssa.Store:
						if u.Addr != ssa.Value(fa) {
							fi.bad = true // &t.f stored elsewhere
							continue
						}
						var f *ssa.Function
						switch v := u.Val.(type) {
						case *ssa.Function:
							f = v
						case *ssa.MakeClosure:
							f, _ = v.Fn.(*ssa.Function)
						}
						if f == nil || (fi.target != nil && f != fi.target) {
							fi.bad = true
						}
						fi.target = f
						fi.stores++
					case *ssa.DebugRef:
					default:
						fi.bad = true // &t.f taken: stores out of sight
					}
				}
			}
		}
	}
	assigns := c.syntaxAssigns(fields)
	out := make(map[*types.Var]*ssa.Function)
	for f, fi := range fields {
		if !fi.bad && fi.target != nil && fi.stores == assigns[f] {
			out[f] = fi.target
		}
	}
	return out
}

// syntaxAssigns counts, for each of the given fields, its assignments in
// the package's files, composite literal elements included. An address
// taken (&t.f) makes the count one that no store count matches.
func (c *checker) syntaxAssigns(fields map[*types.Var]*fieldInfo) map[*types.Var]int {
	n := make(map[*types.Var]int)
	info := c.pass.TypesInfo
	fieldOf := func(e ast.Expr) *types.Var {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		s, ok := info.Selections[sel]
		if !ok {
			return nil
		}
		v, _ := s.Obj().(*types.Var)
		if _, want := fields[v]; !want {
			return nil
		}
		return v
	}
	const taken = -1 << 20
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(node ast.Node) bool {
			switch x := node.(type) {
			case *ast.AssignStmt:
				for _, l := range x.Lhs {
					if v := fieldOf(l); v != nil {
						n[v]++
					}
				}
			case *ast.UnaryExpr:
				if v := fieldOf(x.X); v != nil && x.Op == token.AND {
					n[v] = taken
				}
			case *ast.CompositeLit:
				st, ok := info.TypeOf(x).Underlying().(*types.Struct)
				if !ok {
					break
				}
				for i, el := range x.Elts {
					var v *types.Var
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							v, _ = info.Uses[id].(*types.Var)
						}
					} else if i < st.NumFields() {
						v = st.Field(i)
					}
					if _, want := fields[v]; want && v != nil {
						n[v]++
					}
				}
			}
			return true
		})
	}
	return n
}
