// Package linger defines an Analyzer that reports abortive closes being
// configured: SetLinger(0) and SO_LINGER with a zero timeout.
//
// # Analyzer linger
//
// linger: report SetLinger(0) and SO_LINGER 0, which turn Close into a reset
//
// With SO_LINGER on and a linger time of 0, close does not send FIN: the
// kernel discards any data not yet sent and sends RST. The peer's next read
// fails with ECONNRESET ("connection reset by peer"), and it may never see
// the last message we wrote, often the very error reply that explained why
// we hung up. The socket also skips TIME_WAIT, which is why SetLinger(0) is
// popular as a "fix" for many TIME_WAIT sockets: it hides the symptom and
// loses data. It does nothing for CLOSE_WAIT, which only our Close ends.
//
// The analyzer reports (*net.TCPConn).SetLinger with a value that is
// provably 0 (a constant, or a variable or phi of constants that are all 0),
// also through an interface or a method value, and syscall.SetsockoptLinger
// or golang.org/x/sys/unix.SetsockoptLinger given a Linger whose Onoff is a
// non-zero constant and whose Linger is 0 or unset, wherever the call is,
// including inside Dialer.Control, ListenConfig.Control and
// RawConn.Control callbacks.
//
// # Example
//
// Bad: the client may never read the error message.
//
//	fmt.Fprintf(c, "ERR too many connections\n")
//	c.(*net.TCPConn).SetLinger(0)
//	c.Close()
//
// Good: a graceful close. Half-close, let the peer read, then close.
//
//	fmt.Fprintf(c, "ERR too many connections\n")
//	c.(*net.TCPConn).CloseWrite()                // our FIN after the data
//	c.SetReadDeadline(time.Now().Add(time.Second))
//	io.Copy(io.Discard, c)                       // until the peer's FIN
//	c.Close()
//
// # When a reset is right
//
// A reset is the right tool when the peer must learn at once that the
// conn is dead and nothing we wrote matters: a proxy tearing down both
// halves after the other side reset, a listener dropping a banned address,
// a test simulating a reset. Suppress the report there, with the reason.
// No fix is offered: removing the call may change what the author meant.
//
// # Flags
//
// Calls in _test.go files are not reported (tests use resets on purpose,
// to simulate a peer that resets); -linger.tests reports them too.
//
// -linger.positive also reports a positive linger time: on Linux, Close
// then blocks until the data is sent or the time runs out, which stalls
// the goroutine (and, with a non-blocking fd, is ignored).
//
// # Suppressing
//
// Write //closewait:ignore linger <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:linger works
// too. Findings in generated files are never reported.
package linger
