package conntrack

import (
	"go/ast"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ssa"
)

// ruleSource applies the name-and-type rule to a call that no table and
// no fact describes: a method of an interface, or a func-typed field,
// variable or parameter, whose name begins with Dial or Accept and whose
// result 0 implements net.Conn or net.PacketConn, returns a fresh conn
// its caller owns (a project's Dialer interface, proxy.Dialer,
// http.Transport.DialContext); one whose name begins with Listen and
// whose result implements net.Listener returns a fresh listener. It
// returns the kind of socket made.
//
// Concrete functions are left to their facts: a function of an analysed
// package that returns a pooled or shared conn under a Dial name has no
// "fresh" fact, and the rule must not override what its code shows.
func (c *checker) ruleSource(call *ssa.Call, ce callee) (Socket, bool) {
	if ce.builtin || ce.fn != nil {
		return 0, false
	}
	if ce.obj != nil && !ce.invoke {
		return 0, false
	}
	if _, ok := kn.LookupFunc(c.key(ce)); ok && ce.obj != nil {
		return 0, false // the tables are authoritative for what they list
	}
	name := ""
	if ce.obj != nil {
		name = ce.obj.Name()
	} else if expr := c.callExpr(call.Pos()); expr != nil {
		name = funcName(expr.Fun)
	}
	listen, ok := kn.IsSourceName(name)
	if !ok {
		return 0, false
	}
	tup, ok := call.Type().(*types.Tuple)
	if !ok || tup.Len() != 2 || !isErrorType(tup.At(1).Type()) {
		return 0, false // a fresh socket comes with the error of making it
	}
	t := tup.At(0).Type()
	switch {
	case listen:
		if passutil.Implements(t, kn.Net, kn.ListenerType) {
			return ListenerSocket, true
		}
	case types.Implements(t, c.netConn):
		return SocketOf(t), true
	case passutil.Implements(t, kn.Net, kn.PacketConnType):
		return PacketSocket, true
	}
	return 0, false
}

// funcName returns the name a call's function expression ends with:
// DialContext for t.DialContext, dial for dial.
func funcName(fun ast.Expr) string {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}
