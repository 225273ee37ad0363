// Package closewait defines an Analyzer that reports conns left open when a
// read fails or hits EOF: the bug that leaves TCP sockets in CLOSE_WAIT.
//
// # Analyzer closewait
//
// closewait: report conns not closed when a read fails or hits EOF
//
// When the peer closes a TCP connection, its FIN reaches our kernel, which
// acknowledges it and moves the socket to CLOSE_WAIT. In Go the FIN shows
// up as a read returning io.EOF (or an error, after a reset). Only our
// Close sends our FIN and releases the socket: the kernel never leaves
// CLOSE_WAIT on its own. A conn that is not closed on the path where its
// read fails therefore holds a file descriptor, its buffers and a port
// until the process exits. Thousands of them end in "too many open files"
// or "cannot assign requested address".
//
// The analyzer follows each conn the function owns (from net.Dial,
// Dialer.DialContext, Listener.Accept, tls.Dial, a helper that returns a
// fresh conn, or a goroutine handed the conn by `go handle(c)`) along every
// path from where it is made to where the function returns, and reports a
// path on which a read of the conn failed (err != nil, err == io.EOF,
// n == 0, !scanner.Scan(), io.Copy or io.ReadAll returning) and the
// function returns with the conn still open.
//
// Only stream conns have a peer whose close can be missed: TCP conns and
// unix stream conns (a unix conn's fd stays held after the peer closed).
// Packet sockets (UDP, IP, unixgram: no FIN, no CLOSE_WAIT) and listeners
// are never reported here; connleak reports them. The sources are
// connleak's: the std tables, facts of analysed modules, and the
// name-and-type rule for Dial and Accept methods of interfaces and
// func-typed values (see connleak).
//
// The message is one line in the go vet style: "conn c from net.Dial is
// not closed when c.Read fails (line 34): it stays in CLOSE_WAIT, holding
// its fd". Fix it by closing the conn on that path: `defer c.Close()` right
// after the dial's error check closes it on every path.
//
// # Example
//
// Bad: the handler returns on EOF without closing.
//
//	func handle(c net.Conn) {
//		buf := make([]byte, 4096)
//		for {
//			n, err := c.Read(buf)
//			if err != nil {
//				return // peer closed: c stays in CLOSE_WAIT
//			}
//			process(buf[:n])
//		}
//	}
//
// Good: close on every path.
//
//	func handle(c net.Conn) {
//		defer c.Close()
//		...
//	}
//
// # What counts as closing
//
// c.Close(), directly or through an interface; defer c.Close(); a deferred
// closure that closes c; closing a wrapper built on c (tls.Client(c, cfg),
// textproto.NewConn(c)); a helper, in any package, that closes its
// parameter on every path. A bufio.Reader or a json.Decoder over c owns
// nothing: reads through them are reads of c.
//
// # False positives
//
// The analyzer stays silent whenever the conn leaves the function's hands:
// returned, stored in a field, global, map, slice or channel, captured by a
// closure it cannot follow, or passed to a function it knows nothing about.
// A goroutine is treated as the conn's owner only when the caller hands the
// conn over and never touches its close itself. A conn owned by a parameter
// of a handler is reported only when the handler already closes it on some
// path. Paths that end in panic, log.Fatal, os.Exit or t.Fatal are not
// exits, and returning from main.main is not a leak.
//
// # Functions not analysed
//
// The core gives each function a budget (blocks × tracked resources) and
// recovers from an internal error in one function without losing the
// others. A function over the budget (in practice only generated code
// with hundreds of conns in one body) or one that hit an internal error
// is skipped, and every check built on the core reports nothing in it.
// With -closewait.skipped, closewait reports each such function with
// the reason (category "skipped"), so a clean result can be trusted.
//
// # Test files
//
// _test.go files are checked: a leak in a test is a real leak (a long test
// binary runs out of fds, and a socket left in CLOSE_WAIT can make a later
// test flaky), and the data says the findings there are right. On the
// project's real-code corpus (eval/, 44 networking modules, tests
// included) this check reports 10 findings in test files, 0 of them false
// positives; the typical one is a read loop in a test server or client that returns at EOF without closing. Test assertions (testify, gomega) are
// read as the branch conditions they stand for. To skip test files, run
// the suite on the packages without their tests (-test=false).
//
// # Suppressing
//
// Write //closewait:ignore closewait <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:closewait works
// too. Findings in generated files are never reported.
package closewait
