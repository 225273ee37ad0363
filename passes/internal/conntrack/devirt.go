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
	if _, ok := kn.LookupFunc(conc.key()); ok {
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
