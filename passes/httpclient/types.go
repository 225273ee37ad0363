// This file holds the predicates on types and objects that the checks
// share: which named types, package functions and methods of net/http a
// value or call is.

package httpclient

import (
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
)

// isTransport reports whether t is (a pointer to) an http.Transport or
// an http2.Transport.
func isTransport(t types.Type) bool {
	return passutil.IsNamed(t, kn.HTTP, "Transport") || passutil.IsNamed(t, kn.HTTP2, "Transport")
}

// isClient reports whether t is (a pointer to) an http.Client.
func isClient(t types.Type) bool { return passutil.IsNamed(t, kn.HTTP, "Client") }

// isServer reports whether t is (a pointer to) an http.Server.
func isServer(t types.Type) bool { return passutil.IsNamed(t, kn.HTTP, "Server") }

// typeName returns "http.Transport" or "http2.Transport" for t.
func typeName(t types.Type) string {
	obj := passutil.NamedObj(t)
	if obj == nil || obj.Pkg() == nil {
		return "transport"
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

// recvIs reports whether method fn's receiver satisfies is.
func recvIs(fn *types.Func, is func(types.Type) bool) bool {
	recv := fn.Signature().Recv()
	return recv != nil && is(recv.Type())
}

// isError reports whether t is the error type.
func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// isParam reports whether v is a parameter or a receiver.
func isParam(v *types.Var) bool {
	return v.Kind() == types.ParamVar || v.Kind() == types.RecvVar
}

// isHandlerSig reports whether sig is func(http.ResponseWriter, *http.Request).
func isHandlerSig(sig *types.Signature) bool {
	if sig == nil || sig.Params().Len() != 2 {
		return false
	}
	_, isPtr := types.Unalias(sig.Params().At(1).Type()).(*types.Pointer)
	return passutil.IsNamed(sig.Params().At(0).Type(), kn.HTTP, "ResponseWriter") && isPtr &&
		passutil.IsNamed(sig.Params().At(1).Type(), kn.HTTP, "Request")
}

// mainResult returns the type of sig's result, for a function that
// returns one value, or one and an error; nil otherwise.
func mainResult(sig *types.Signature) types.Type {
	res := sig.Results()
	if res.Len() == 0 || res.Len() > 2 || (res.Len() == 2 && !isError(res.At(1).Type())) {
		return nil
	}
	return res.At(0).Type()
}
