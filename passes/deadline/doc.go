// Package deadline defines an Analyzer that reports server-side conns read
// with no deadline, and TCP keep-alive turned off.
//
// # Analyzer deadline
//
// deadline: report accepted conns read without a deadline, and keep-alive turned off
//
// A read on a conn with no deadline blocks until data arrives, the peer
// closes, or the kernel gives up on the peer. A client that connects and
// then sends nothing (a crashed client behind a NAT that still answers, a
// slowloris attacker, a half-open conn after a network partition) holds
// the server's goroutine, its buffers and the socket forever. TCP
// keep-alive, on by default in Go (15 s idle, since Go 1.13), notices a
// vanished peer after a few minutes, but not a live peer that simply sends
// nothing: only a read deadline does.
//
// The analyzer reports a conn accepted by a listener (in the function, or
// handed to the goroutine that owns it by `go handle(c)`) that is read
// (Read, io.ReadFull, bufio over it, a decoder, a helper that reads its
// parameter) when no SetDeadline or SetReadDeadline is ever called on it:
// not in the function, not in a helper (known through facts), not by the
// caller before handing it over.
//
// It also reports TCP keep-alive being turned off:
// net.Dialer{KeepAlive: <negative>} and net.ListenConfig{KeepAlive:
// <negative>} (unless their KeepAliveConfig enables it, or they have a
// Control function, which may set SO_KEEPALIVE itself), an assignment of
// a negative KeepAlive to one, (*net.TCPConn).SetKeepAlive(false), and
// SetKeepAliveConfig with a KeepAliveConfig whose Enable is false or unset
// (which turns keep-alive off, whatever its Idle says). Without
// keep-alive a peer that vanishes is never noticed unless every read has
// a deadline.
//
// # Example
//
// Bad: a silent client holds this goroutine forever.
//
//	func handle(c net.Conn) {
//		defer c.Close()
//		r := bufio.NewReader(c)
//		for {
//			line, err := r.ReadString('\n')
//			...
//		}
//	}
//
// Good: every read has a deadline.
//
//	for {
//		c.SetReadDeadline(time.Now().Add(idleTimeout))
//		line, err := r.ReadString('\n')
//		...
//	}
//
// # False positives
//
// Test files are not checked (the peer is the test's own code);
// -deadline.tests checks them too.
// Client conns (from Dial) are not reported by default: the server usually
// bounds the exchange, and Go's default keep-alive notices a dead server;
// -deadline.clients reports them too. Conns that leave the function
// (stored, returned, passed to an unknown function) are not reported, as
// the deadline may be set elsewhere. A conn from an interface net.Listener
// is taken as TCP; one from a *net.UnixListener is not reported.
// net.Pipe and other in-memory conns are not sources at all.
//
// # Suppressing
//
// Write //closewait:ignore deadline <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:deadline works
// too. Findings in generated files are never reported.
package deadline
