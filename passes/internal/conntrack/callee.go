package conntrack

import (
	"go/types"
	"slices"
	"strings"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ssa"
)

// callee is what a call instruction calls, as far as the core can tell.
type callee struct {
	common   *ssa.CallCommon
	operands []ssa.Value   // numbered as in summaries: receiver first, then arguments, then closure bindings
	obj      *types.Func   // the declared function or method, if known
	fn       *ssa.Function // the SSA function, for static calls and closures
	invoke   bool          // an interface method call
	builtin  bool
}

// resolve returns the callee of common and its numbered operands.
//
// The shapes handled:
//
//	f(x)                static: Value is *ssa.Function, Args = params (receiver first)
//	x.M()               invoke: Value is the receiver, Method the interface method
//	func(){...}()       Value is *ssa.MakeClosure: operands = args, then bindings
//	f := c.Close; f()   Value is a bound-method closure: operand 0 is the binding
//
// A call through an unexported func-valued field that only ever holds
// one function (funcfield.go) calls that function.
func (c *checker) resolve(common *ssa.CallCommon) callee {
	ce := resolveCall(common)
	if ce.fn == nil && ce.obj == nil && !ce.builtin && !ce.invoke {
		if t := c.funcFieldTarget(common); t != nil {
			ce.fn, ce.obj = t, funcObj(t)
		}
	}
	return ce
}

// Callee returns the function or method that common calls (nil if
// unknown: a dynamic call, a builtin, a literal) and its operands
// numbered as the core numbers them: the receiver first, then the
// arguments, then a closure's bindings. It sees through method values
// (f := c.SetLinger; f(0)) and interface method calls.
func Callee(common *ssa.CallCommon) (*types.Func, []ssa.Value) {
	ce := resolveCall(common)
	return ce.obj, ce.operands
}

func resolveCall(common *ssa.CallCommon) callee {
	ce := callee{common: common}
	switch {
	case common.IsInvoke():
		ce.invoke = true
		ce.obj = common.Method
		ce.operands = append([]ssa.Value{common.Value}, common.Args...)
		return ce
	}
	switch v := common.Value.(type) {
	case *ssa.Function:
		ce.fn = v
		ce.obj = funcObj(v)
		ce.operands = common.Args
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		ce.fn = fn
		if fn != nil && strings.HasPrefix(fn.Synthetic, "bound method wrapper") && len(v.Bindings) == 1 {
			ce.obj = funcObj(fn)
			ce.fn = nil
			ce.operands = append([]ssa.Value{v.Bindings[0]}, common.Args...)
			return ce
		}
		ce.operands = append(append([]ssa.Value(nil), common.Args...), v.Bindings...)
	case *ssa.Builtin:
		ce.builtin = true
		ce.operands = common.Args
	default:
		ce.operands = common.Args // a dynamic call: unknown callee
	}
	return ce
}

// concreteCallee returns the interface method call ce as a call of the
// concrete method m on recv, the value boxed in the interface: the same
// call instruction and arguments, operand 0 the concrete receiver. Its fn
// is left for the caller to find (it is only built for this package).
func concreteCallee(ce callee, m *types.Func, recv ssa.Value) callee {
	ops := append([]ssa.Value{recv}, ce.operands[1:]...)
	return callee{common: ce.common, operands: ops, obj: m}
}

// funcObj returns the declared function of fn (the generic origin for an
// instance), or nil for literals and synthetic functions without one.
func funcObj(fn *ssa.Function) *types.Func {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil {
		obj = obj.Origin()
	}
	return obj
}

// key returns the qualified name of ce's function, as the knowledge
// tables spell it, or "". types.Func.FullName builds a new string on
// every call and the tables are asked about every call the core
// resolves, so the names are kept per function.
func (c *checker) key(ce callee) string {
	if ce.obj == nil {
		return ""
	}
	name, ok := c.names[ce.obj]
	if !ok {
		name = ce.obj.FullName()
		c.names[ce.obj] = name
	}
	return name
}

// operandIndex returns the number of v among the operands of ce, or -1.
func operandIndex(ce callee, v ssa.Value) int {
	for i, op := range ce.operands {
		if op == v {
			return i
		}
	}
	return -1
}

// noReturn reports whether the call never returns.
func (ce callee) noReturn(c *checker) bool {
	if ce.obj == nil {
		return false
	}
	return c.noRet[ce.obj] || c.known(ce.obj)
}

// isSource reports whether the call returns in result 0 a fresh resource
// the caller owns, and of which kind.
func (c *checker) isSource(ce callee) (ResourceKind, bool) {
	if f, ok := kn.LookupFunc(c.key(ce)); ok {
		// The table is authoritative for what it lists: a fact computed
		// from the function's source (http.Head calls Client.Do) must
		// not override it.
		return resourceOf(f.Returns)
	}
	if s := c.summaryOf(ce); s != nil && s.Fresh {
		return ResourceKind(s.Kind), true
	}
	return 0, false
}

// isAccept reports whether the source call ce accepts a server-side conn.
func (c *checker) isAccept(ce callee) bool {
	if kn.AcceptsServerConn(c.key(ce)) {
		return true
	}
	s := c.summaryOf(ce)
	return s != nil && s.Accepted
}

// originName describes a source call for messages: "net.Dial",
// "ln.Accept" is not available from SSA, so methods read "Accept".
func originName(ce callee) string {
	if ce.obj == nil {
		return "the call"
	}
	if sig := ce.obj.Signature(); sig.Recv() != nil {
		return ce.obj.Name()
	}
	if ce.obj.Pkg() != nil {
		return ce.obj.Pkg().Name() + "." + ce.obj.Name()
	}
	return ce.obj.Name()
}

// effect is what a call does with one conn operand.
type effect struct {
	role     kn.Role
	reads    bool // also reads it, returning the read's error
	aliases  bool // result 0 is (a wrapper of) the operand
	deadline bool // also sets a read deadline on it
}

// effect returns what the call ce does with its operand i, which is a
// tracked conn (or a view of one). A zero role means unknown.
func (c *checker) effect(ce callee, i int) effect {
	if ce.builtin {
		return effect{role: kn.Borrow}
	}
	if f, ok := kn.LookupFunc(c.key(ce)); ok {
		if r := f.OpRole(i); r != kn.NoRole {
			return effect{role: r}
		}
	}
	isRecv := i == 0 && ce.obj != nil && ce.obj.Signature().Recv() != nil
	if isRecv {
		if r, ok := methodRole(ce.obj); ok {
			return effect{role: r}
		}
		if ce.invoke {
			if r, ok := kn.ConnMethod(ce.obj.Name()); ok {
				return effect{role: r}
			}
			if eff, ok := c.boxedEffect(ce); ok {
				return eff
			}
			return effect{}
		}
		if pkg := ce.obj.Pkg(); pkg != nil && kn.IsConnPackage(pkg.Path()) {
			if r, ok := kn.ConnMethod(ce.obj.Name()); ok {
				return effect{role: r}
			}
			return effect{role: kn.Borrow}
		}
	}
	s := c.summaryOf(ce)
	if s == nil {
		return effect{}
	}
	eff := effect{role: s.roleOf(i)}
	for _, op := range s.Reads {
		eff.reads = eff.reads || op == i
	}
	for _, op := range s.Aliases {
		if op == i {
			eff.aliases = true
			eff.role = kn.Borrow
		}
	}
	eff.deadline = slices.Contains(s.Deadlines, i)
	if (eff.reads || eff.deadline) && eff.role == 0 {
		eff.role = kn.Borrow
	}
	return eff
}

// methodRole recognises, by name and signature, the two methods whose
// meaning every conn-like type shares: Close() error closes the receiver,
// Read([]byte) (int, error) reads it.
func methodRole(m *types.Func) (kn.Role, bool) {
	sig := m.Signature()
	switch m.Name() {
	case "Close":
		if sig.Params().Len() == 0 && sig.Results().Len() == 1 && isErrorType(sig.Results().At(0).Type()) {
			return kn.Close, true
		}
	case "Read":
		if sig.Params().Len() == 1 && sig.Results().Len() == 2 && isErrorType(sig.Results().At(1).Type()) {
			return kn.Read, true
		}
	}
	return 0, false
}

// summaryOf returns the summary of the callee: computed for this package's
// functions (and closures), imported as a fact for others. It returns nil
// when nothing is known.
func (c *checker) summaryOf(ce callee) *summary {
	if ce.invoke || ce.builtin {
		return nil
	}
	if ce.fn != nil {
		fn := ce.fn
		if o := c.twins.origin(fn); o != nil {
			fn = o
		}
		if len(fn.Blocks) > 0 && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
			return c.summarize(fn)
		}
	}
	if ce.obj == nil || ce.obj.Pkg() == nil || ce.obj.Pkg() == c.pass.Pkg {
		return nil
	}
	s := new(summary)
	if c.pass.ImportObjectFact(ce.obj, s) {
		return s
	}
	return nil
}

// readSite describes the read made by call for messages.
func (c *checker) readSite(call *ssa.Call, ce callee) *readSite {
	name := "the read"
	if ce.obj != nil {
		if ce.obj.Signature().Recv() != nil {
			name = ce.obj.Name()
		} else if ce.obj.Pkg() != nil {
			name = ce.obj.Pkg().Name() + "." + ce.obj.Name()
		}
	}
	if expr := c.callExpr(call.Pos()); expr != nil {
		name = types.ExprString(expr.Fun)
	}
	return &readSite{pos: call.Pos(), name: name}
}
