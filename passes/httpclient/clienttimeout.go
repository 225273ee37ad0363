// This file is the opt-in clienttimeout check: a request with no deadline
// through a client that provably has no Timeout.

package httpclient

import (
	"fmt"
	"go/ast"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ast/edge"
)

// checkClientTimeout reports cc if its client provably has no Timeout.
func (c *checker) checkClientTimeout(cc clientCall) {
	desc := "http.DefaultClient"
	if cc.client != nil {
		d, ok := c.zeroTimeout(cc.client)
		if !ok {
			return
		}
		desc = d
	}
	c.report(cc.cur.Node(), "clienttimeout", fmt.Sprintf("%s sends through %s, which has no Timeout, with no context deadline: a silent server hangs it", cc.name, desc))
}

// zeroTimeout reports whether the client e provably has no Timeout: it is
// http.DefaultClient, a literal without Timeout, or an unexported
// variable declared with one that is only ever used as a receiver (so
// nobody can set its Timeout), and describes it.
func (c *checker) zeroTimeout(e ast.Expr) (string, bool) {
	if c.isDefaultClient(e) {
		return "http.DefaultClient", true
	}
	e = ast.Unparen(e)
	desc := "a client"
	if id, ok := e.(*ast.Ident); ok {
		def, ok := c.unconfiguredDef(id)
		if !ok {
			return "", false
		}
		desc, e = "client "+id.Name, def
	}
	if !c.noTimeoutLit(e) {
		return "", false
	}
	return desc, true
}

// unconfiguredDef returns the value that the client variable id is
// declared with, if nobody can change it or its Timeout since: an
// unexported variable, not a parameter, never reassigned, only ever used
// as a receiver, and never given a Timeout or Transport.
func (c *checker) unconfiguredDef(id *ast.Ident) (ast.Expr, bool) {
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.Exported() || c.varOf(v).reassigned || isParam(v) || c.varOf(v).def == nil {
		return nil, false
	}
	for _, u := range c.varOf(v).uses {
		if u.ParentEdgeKind() != edge.SelectorExpr_X {
			return nil, false // passed on, returned, stored: someone may set Timeout
		}
	}
	if c.setsField(v, "Timeout", "Transport") {
		return nil, false // configured later
	}
	return c.varOf(v).def, true
}

// noTimeoutLit reports whether e is an http.Client literal with no
// Timeout that may be positive, sending through an http.Transport (or
// the default one) rather than a RoundTripper of its own.
func (c *checker) noTimeoutLit(e ast.Expr) bool {
	fields, ok := c.clientLit(e)
	if !ok {
		return false
	}
	if t, ok := fields["Timeout"]; ok && c.positiveOrUnknown(t) {
		return false
	}
	if tr, ok := fields["Transport"]; ok && !passutil.IsNamed(c.info.TypeOf(tr), kn.HTTP, "Transport") && !c.isPkgVar(tr, "DefaultTransport") {
		return false // a RoundTripper of its own: it may bound the request, or never dial
	}
	return true
}
