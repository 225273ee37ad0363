package conntrack

// This file recognises HEAD requests: a response to one has no body, so
// Client.Do and RoundTrip of a HEAD request are not body sources (as
// http.Head and Client.Head are not).

import (
	"go/constant"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ssa"
)

// sendsHead reports whether the call sends a request that is provably a
// HEAD: built by http.NewRequest(WithContext) with the constant method
// "HEAD", or a literal &http.Request{Method: "HEAD"}.
func (c *checker) sendsHead(call *ssa.Call) bool {
	for _, arg := range call.Common().Args {
		if passutil.IsNamed(arg.Type(), kn.HTTP, kn.RequestType) {
			return c.isHeadRequest(arg)
		}
	}
	return false
}

func (c *checker) isHeadRequest(req ssa.Value) bool {
	switch v := req.(type) {
	case *ssa.Extract:
		mk, ok := v.Tuple.(*ssa.Call)
		if !ok || v.Index != 0 {
			return false
		}
		ce := c.resolve(mk.Common())
		if ce.obj == nil {
			return false
		}
		i, ok := kn.NewRequestMethodArg(c.key(ce))
		return ok && i < len(mk.Common().Args) && isHeadConst(mk.Common().Args[i])
	case *ssa.Alloc:
		return literalMethodHead(v)
	}
	return false
}

// literalMethodHead reports whether the Method field of the allocated
// request is set to "HEAD", and never to anything else.
func literalMethodHead(a *ssa.Alloc) bool {
	head := false
	for _, ref := range *a.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
		if !ok {
			continue
		}
		st, ok := ptr.Elem().Underlying().(*types.Struct)
		if !ok || st.Field(fa.Field).Name() != kn.MethodField {
			continue
		}
		for _, fref := range *fa.Referrers() {
			if store, ok := fref.(*ssa.Store); ok {
				if !isHeadConst(store.Val) {
					return false
				}
				head = true
			}
		}
	}
	return head
}

func isHeadConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.String && constant.StringVal(k.Value) == kn.MethodHead
}
