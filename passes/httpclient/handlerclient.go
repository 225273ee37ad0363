// This file is the opt-in handlerclient check: a request through
// http.DefaultClient, without the request's context, in an HTTP handler.

package httpclient

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
)

// checkHandlerClient reports cc if it goes through http.DefaultClient in
// an HTTP handler, and reports whether it did.
func (c *checker) checkHandlerClient(cc clientCall) bool {
	if (cc.client != nil && !c.isDefaultClient(cc.client)) || !c.inHandler(cc.cur) {
		return false
	}
	c.report(cc.cur.Node(), "handlerclient", fmt.Sprintf("%s in an HTTP handler goes through http.DefaultClient without r.Context(): a slow upstream hangs it", cc.name))
	return true
}

// inHandler reports whether cur is in a func(http.ResponseWriter,
// *http.Request), or in a closure inside one.
func (c *checker) inHandler(cur inspector.Cursor) bool {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if isHandlerSig(c.funcSig(f.Node())) {
			return true
		}
	}
	return false
}
