package conntrack

// This file reads test assertions on a source's error (testify's assert
// and require, gomega's Expect) as the branch conditions and no-return
// calls they stand for: see knowledge.Assertion.

import (
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ssa"
)

// errCheck is what an assertion call says about a source's error.
type errCheck struct {
	call     *ssa.Call
	holdsNil bool // the assertion holds when the error is nil
	stops    bool // a failed assertion ends the test
}

// assertions returns the assertion calls that check ev, an alias of a
// source's error: directly, or converted to an interface (assert.Nil's
// object, gomega's actual value).
func (c *checker) assertions(ev ssa.Value) []errCheck {
	var out []errCheck
	var visit func(v ssa.Value, depth int)
	visit = func(v ssa.Value, depth int) {
		refs := v.Referrers()
		if refs == nil || depth > 1 {
			return
		}
		for _, ref := range *refs {
			switch u := ref.(type) {
			case *ssa.ChangeInterface:
				visit(u, depth+1)
			case *ssa.MakeInterface:
				visit(u, depth+1)
			case *ssa.Call:
				if ck, ok := c.assertion(u, v); ok {
					out = append(out, ck)
				}
			}
		}
	}
	visit(ev, 0)
	return out
}

// assertion reports whether call asserts something of its operand v.
func (c *checker) assertion(call *ssa.Call, v ssa.Value) (errCheck, bool) {
	ce := c.resolve(call.Common())
	if ce.obj == nil {
		return errCheck{}, false
	}
	key := c.key(ce)
	if a, ok := kn.LookupAssertion(key); ok && operandIndex(ce, v) == a.Arg {
		return errCheck{call: call, holdsNil: a.Nil, stops: a.Stops}, true
	}
	if kn.IsExpect(key) && operandIndex(ce, v) == firstArg(ce) {
		return c.gomegaCheck(call)
	}
	return errCheck{}, false
}

// firstArg is the operand number of a call's first argument: 1 for a
// method called statically (the receiver is operand 0), else 0.
func firstArg(ce callee) int {
	if ce.obj.Signature().Recv() != nil && !ce.invoke {
		return 1
	}
	return 0
}

// gomegaCheck finds `Expect(err).To(HaveOccurred())` and its kin: the
// one To/NotTo/Should... call on the result of expect, with a matcher
// that tests for nil.
func (c *checker) gomegaCheck(expect *ssa.Call) (errCheck, bool) {
	refs := expect.Referrers()
	if refs == nil {
		return errCheck{}, false
	}
	for _, ref := range *refs {
		call, ok := ref.(*ssa.Call)
		if !ok || !call.Common().IsInvoke() || call.Common().Value != expect || len(call.Common().Args) == 0 {
			continue
		}
		m := call.Common().Method
		obj := passutil.NamedObj(call.Common().Value.Type())
		if obj == nil || obj.Pkg() == nil || !kn.IsGomegaAssertion(obj.Pkg().Path(), obj.Name()) {
			continue
		}
		negated, ok := kn.GomegaCheck(m.Name())
		if !ok {
			continue
		}
		mk, ok := call.Common().Args[0].(*ssa.Call)
		if !ok {
			continue
		}
		mce := c.resolve(mk.Common())
		if mce.obj == nil {
			continue
		}
		if matcher, ok := kn.LookupMatcher(c.key(mce)); ok {
			return errCheck{call: call, holdsNil: matcher.Nil != negated, stops: true}, true
		}
	}
	return errCheck{}, false
}

// resultUnused reports whether nothing uses the value call returns.
func resultUnused(call *ssa.Call) bool {
	for _, ref := range *call.Referrers() {
		if _, ok := ref.(*ssa.DebugRef); !ok {
			return false
		}
	}
	return true
}
