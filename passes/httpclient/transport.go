// This file is the transportperrequest check: a fresh pool that a
// function that may run once per request sends through and drops.

package httpclient

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checkTransports reports fresh pools that a function sends a request
// through and then drops.
func (c *checker) checkTransports() {
	for cur := range c.root.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		what, _, ok := c.freshExpr(cur.Node().(ast.Expr))
		if !ok || c.inTest(cur.Node().Pos()) {
			continue
		}
		fn, ok := enclosingFunc(cur)
		if !ok {
			continue // a package-level variable: built once
		}
		loop, inLoop := loopAround(cur, fn)
		if !inLoop && !c.perRequest(fn) {
			continue // main, init, sync.Once: runs once
		}
		t := c.track(fn, []inspector.Cursor{cur}, nil, 0)
		if t.eff&(escape|release) != 0 || len(t.sends) == 0 {
			continue
		}
		if !inLoop && allBatched(t.sends, cur, fn) {
			continue // one pool reused by a loop of requests: a session, not per request
		}
		c.reportTransport(cur, what, loop, inLoop, t.sends[0])
	}
}

func (c *checker) reportTransport(cur inspector.Cursor, what string, loop inspector.Cursor, inLoop bool, sent inspector.Cursor) {
	node := cur.Node()
	if k, _ := cur.ParentEdge(); k == edge.UnaryExpr_X {
		node = cur.Parent().Node() // &http.Transport{...}
	}
	const consequence = "strands its idle conns and dials anew"
	var msg string
	if inLoop {
		msg = fmt.Sprintf("%s is created in a loop and dropped after a request: each iteration %s", what, consequence)
	} else {
		msg = fmt.Sprintf("%s is created per call and dropped after a request: each call %s", what, consequence)
	}
	d := analysis.Diagnostic{
		Pos: node.Pos(), End: node.End(), Category: "transportperrequest", Message: msg,
		Related: []analysis.RelatedInformation{{Pos: sent.Node().Pos(), End: sent.Node().End(), Message: "request sent here"}},
	}
	if inLoop {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: loop.Node().Pos(), Message: "the loop"})
	}
	c.diags = append(c.diags, d)
}

// loopAround returns the innermost for or range statement inside fn
// whose body holds cur.
func loopAround(cur, fn inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur; c != fn; c = c.Parent() {
		switch c.ParentEdgeKind() {
		case edge.ForStmt_Body, edge.RangeStmt_Body:
			return c.Parent(), true
		}
	}
	return inspector.Cursor{}, false
}

// allBatched reports whether every send is inside a loop (in fn) that
// does not hold src: the function builds one client and reuses it for a
// batch of requests.
func allBatched(sends []inspector.Cursor, src, fn inspector.Cursor) bool {
	for _, s := range sends {
		batched := false
		for c := s; c != fn && !batched; c = c.Parent() {
			switch c.ParentEdgeKind() {
			case edge.ForStmt_Body, edge.RangeStmt_Body:
				batched = !c.Parent().Contains(src)
			}
		}
		if !batched {
			return false
		}
	}
	return true
}

// perRequest reports whether fn may run once per request, as far as
// syntax shows: not main or init, not a func literal handed to sync.Once
// and friends, and, in package main (whose functions mostly run once),
// only HTTP handlers and the closures inside them.
func (c *checker) perRequest(fn inspector.Cursor) bool {
	for f := range fn.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if isHandlerSig(c.funcSig(f.Node())) {
			return true
		}
		if c.runsOnce(f) {
			return false // or a closure inside a function that runs once
		}
	}
	return c.pass.Pkg.Name() != "main"
}

// runsOnce reports whether fn runs once per process (or per test): init,
// main.main, a Test, Benchmark, Example or Fuzz function, or a func
// literal handed to sync.Once.Do, sync.OnceFunc, OnceValue or OnceValues.
func (c *checker) runsOnce(fn inspector.Cursor) bool {
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		if n.Recv != nil {
			return false
		}
		name := n.Name.Name
		if name == "init" || (name == "main" && c.pass.Pkg.Name() == "main") {
			return true
		}
		return passutil.InTestFile(c.pass.Fset, n.Pos()) &&
			slices.ContainsFunc([]string{"Test", "Benchmark", "Example", "Fuzz"}, func(p string) bool { return strings.HasPrefix(name, p) })
	case *ast.FuncLit:
		if fn.ParentEdgeKind() != edge.CallExpr_Args {
			return false
		}
		callee, ok := c.callee(fn.Parent().Node().(*ast.CallExpr)).(*types.Func)
		if !ok || callee.Pkg() == nil || callee.Pkg().Path() != "sync" {
			return false
		}
		return callee.Name() == "Do" || strings.HasPrefix(callee.Name(), "Once")
	}
	return false
}
