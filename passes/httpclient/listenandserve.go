// This file is the listenandserve check: net/http's package-level serve
// functions, which serve with a zero http.Server.

package httpclient

import (
	"fmt"
	"go/ast"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ast/edge"
)

// checkPackageServe reports http.ListenAndServe, ListenAndServeTLS,
// Serve and ServeTLS, called or used as values: they serve with a zero
// http.Server, which has no timeouts and cannot be given any.
func (c *checker) checkPackageServe() {
	for cur := range c.root.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		obj := c.info.Uses[id]
		if !(passutil.IsPkgFunc(obj, kn.HTTP) && kn.IsServeFunc(obj.Name())) || c.inTest(id.Pos()) {
			continue
		}
		var node ast.Node = id
		if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
			node = cur.Parent().Node()
		}
		c.report(node, "listenandserve", fmt.Sprintf("http.%s serves with a zero http.Server, which has no timeouts: slow or idle clients hold conns forever", obj.Name()))
	}
}
