// Package deferloop defines an Analyzer that reports a deferred Close of a
// conn, listener, response body or socket dup inside a loop.
//
// # Analyzer deferloop
//
// deferloop: report defer x.Close() inside a loop, where it runs only at function exit
//
// A deferred call runs when the function returns, not when the loop
// iteration ends. `defer c.Close()` in an accept loop, a retry loop or a
// loop over addresses therefore keeps every iteration's conn (or body, or
// socket dup) open until the function returns: file descriptors and ports pile
// up, and each conn whose peer has closed sits in CLOSE_WAIT. In a server's
// accept loop, which never returns, nothing is ever closed.
//
// The analyzer decides from the control-flow graph, not from syntax: a
// defer is in a loop when its block can reach itself, so a loop whose
// every iteration returns (or panics) after the defer is fine, `continue`
// and labelled `break` are followed exactly, and a `break` inside a
// `select` or `switch` is just an edge. The body of a range-over-func loop
// is a function the iterator may call many times: a defer there is always
// in the loop. A defer inside a function literal called per iteration runs
// when the literal returns and is not reported.
//
// It reports defer of: Close on a value implementing net.Conn or
// net.Listener, on an *os.File that dups a socket (from File() of a conn
// or listener, or a helper known to return one), or on an
// http.Response's Body; a deferred function literal that closes one of
// those; a helper that closes its argument (known by fact). A regular
// file deferred in a loop holds an fd, not a socket: gocritic's
// deferInLoop and revive's defer rule report those, and this check stays
// on sockets.
//
// # Example
//
// Bad: every accepted conn stays open until serve returns (never).
//
//	for {
//		c, err := ln.Accept()
//		if err != nil {
//			return err
//		}
//		defer c.Close()
//		handle(c)
//	}
//
// Good: close per iteration, or move the body into a function.
//
//	for {
//		c, err := ln.Accept()
//		if err != nil {
//			return err
//		}
//		func() {
//			defer c.Close()
//			handle(c)
//		}()
//	}
//
// Test files are skipped by default: a table-driven test that defers the
// close of each case's conn is bounded and deliberate; -deferloop.tests
// checks them too.
//
// A suggested fix wraps the loop body in `func() { ... }()` when that
// keeps its meaning: the body contains no return, break, continue, goto
// or label, which would mean something else inside a function literal.
//
// # Suppressing
//
// Write //closewait:ignore deferloop <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:deferloop works
// too. Findings in generated files are never reported.
package deferloop
