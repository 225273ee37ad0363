package conntrack

import (
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ssa"
)

// devirtualize returns the concrete method an interface method call ce
// calls when the receiver is visibly a value of one concrete type boxed
// in this function (var ln net.Listener = newPipeListener(); ln.Accept()),
// and what that method does is known: a table entry, a function of this
// package, or a fact. Then the call is a source only if that method is
// one (an in-memory listener that hands out net.Pipe ends is not), and
// the name-and-type rule, which is for calls nothing describes, does not
// apply. Otherwise it returns ce unchanged.
func (c *checker) devirtualize(ce callee) callee {
	if !ce.invoke || ce.obj == nil {
		return ce
	}
	mi, ok := ce.common.Value.(*ssa.MakeInterface)
	if !ok {
		return ce
	}
	obj, _, _ := types.LookupFieldOrMethod(mi.X.Type(), true, ce.obj.Pkg(), ce.obj.Name())
	m, ok := obj.(*types.Func)
	if !ok || m == ce.obj {
		return ce
	}
	m = m.Origin() // a method of a generic type: its declared body
	if sig := m.Signature(); sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		return ce // promoted from an embedded interface: still dynamic
	}
	conc := concreteCallee(ce, m, mi.X)
	if _, ok := kn.LookupFunc(c.key(conc)); ok {
		return conc
	}
	if m.Pkg() == c.pass.Pkg {
		// Not built means the selection found that it cannot touch a
		// resource (select.go): then it makes none.
		conc.fn = c.declaredFunc(m)
		return conc
	}
	var s summary
	if c.pass.ImportObjectFact(m, &s) {
		return conc
	}
	return ce
}

// declaredFunc returns the SSA function of a function or method declared
// in this package, or nil if it was not built.
func (c *checker) declaredFunc(obj *types.Func) *ssa.Function {
	if c.declared == nil {
		c.declared = make(map[*types.Func]*ssa.Function)
		for _, fn := range c.funcs {
			if o, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil {
				c.declared[o] = fn
			}
		}
	}
	return c.declared[obj]
}

// boxedMethods returns, for fn whose result 0 is an interface type that
// every non-nil return fills with a value of one concrete type T, what
// each method of the interface does with its receiver when T implements
// it: T's method's table entry, summary or fact. It returns nil in every
// other case (two concrete types, a returned interface value).
func (c *checker) boxedMethods(fn *ssa.Function) []MethodEffect {
	results := fn.Signature.Results()
	if results.Len() == 0 {
		return nil
	}
	iface, ok := results.At(0).Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var conc types.Type
	for ret := range returns(fn) {
		if len(ret.Results) == 0 {
			continue
		}
		switch v := ret.Results[0].(type) {
		case *ssa.Const: // nil, on an error path
		case *ssa.MakeInterface:
			if conc != nil && !types.Identical(conc, v.X.Type()) {
				return nil
			}
			conc = v.X.Type()
		default:
			return nil
		}
	}
	if conc == nil {
		return nil
	}
	var out []MethodEffect
	for m := range iface.Methods() {
		obj, _, _ := types.LookupFieldOrMethod(conc, true, m.Pkg(), m.Name())
		cm, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		cm = cm.Origin()
		if sig := cm.Signature(); sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
			continue // promoted from an embedded interface: still dynamic
		}
		ce := callee{obj: cm}
		if cm.Pkg() == c.pass.Pkg {
			ce.fn = c.declaredFunc(cm)
		}
		if eff := c.effect(ce, 0); eff.role != kn.NoRole && !eff.aliases {
			out = append(out, MethodEffect{Name: m.Name(), Role: eff.role, Reads: eff.reads})
		}
	}
	return out // in the interface's method order: sorted by name
}

// boxedEffect returns what the interface method call ce does with its
// receiver when the receiver is result 0 of a call whose summary knows
// the methods of the concrete value it boxes (see boxedMethods).
func (c *checker) boxedEffect(ce callee) (effect, bool) {
	if !ce.invoke || ce.obj == nil || len(ce.operands) == 0 {
		return effect{}, false
	}
	var src *ssa.Call
	switch v := ce.operands[0].(type) {
	case *ssa.Call:
		src = v
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 {
			src = call
		}
	}
	if src == nil {
		return effect{}, false
	}
	s := c.summaryOf(c.resolve(src.Common()))
	if s == nil || !s.Fresh {
		return effect{}, false
	}
	for _, m := range s.Methods {
		if m.Name == ce.obj.Name() {
			return effect{role: m.Role, reads: m.Reads}, true
		}
	}
	return effect{}, false
}
