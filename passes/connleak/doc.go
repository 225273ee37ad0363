// Package connleak defines an Analyzer that reports conns that are not
// closed on some path, or never closed.
//
// # Analyzer connleak
//
// connleak: report conns not closed on some path to the function's exit
//
// A conn that is never closed holds a file descriptor and a local port
// until the process exits; once the peer closes its side, the socket also
// sits in CLOSE_WAIT, because only our Close sends our FIN. A server that
// leaks one conn per request runs out of descriptors ("too many open
// files"); a client that leaks one per call runs out of ephemeral ports
// ("cannot assign requested address").
//
// The analyzer follows each conn the function owns (from net.Dial,
// Dialer.DialContext, Listener.Accept, tls.Dial, a helper that returns a
// fresh conn, or a goroutine handed the conn by `go handle(c)`) along every
// path to the function's exits. It reports the conn at its source when
// nothing ever closes it or takes it over (category neverclosed), and
// otherwise at the first return reached with the conn still open (category
// exitpath). Paths on which a read of a TCP or unix conn failed are
// closewait's business and are reported by that analyzer instead.
//
// A conn a container owned becomes the function's when the function takes
// it out: `c, ok := m[k]` followed by `delete(m, k)` (the same map and
// key), sync.Map's LoadAndDelete, or Load followed by Delete of the same
// key; a receive from a channel field (`c := <-p.idle`, a select case,
// `for c := range s.queue`); a pop from a slice field (`c := p.idle[0]`
// then `p.idle = p.idle[1:]`, or the last element and `[:n-1]`). From
// the take on, the function is its last owner: dropping it then (the
// probe read that failed before a fresh dial, the EOF after which the
// entry goes) is reported as "conn c taken out of p.conns is never
// closed". A conn closed or handed on before the take, or put in another
// container, is not; nor is a container of other closers. Channel
// parameters and locals are not followed (a test's channel may carry
// in-memory conns), nor is a channel field that the package feeds a
// net.Pipe end or a value of its own conn type.
//
// A conn handed to a goroutine (`go handle(c)`) is the goroutine's. When
// the goroutine is a function of another package whose fact says it only
// borrows the conn (it reads and writes but neither closes nor keeps
// it), the spawner is still the owner, and a conn nobody closes is
// reported at the spawner; in an accept loop, reconnect reports it at the
// Accept that the next iteration runs again.
//
// A package's own interface over a socket (a Connection whose one
// implementation wraps a UDP conn) is tracked like the socket: when every
// return of a constructor boxes one concrete type into the interface, a
// call of an interface method on the result does what that type's method
// does (Send borrows, Close closes), and the message names the socket
// kind it wraps.
//
// The message is one line: what leaks, from which call, and in a few
// words what it holds ("conn c from net.Dial is not closed on this path:
// its fd stays held, CLOSE_WAIT once the peer closes"). The fix is to
// close the socket on every path: `defer c.Close()` right after the error
// check, or a Close before each early return.
//
// # Kinds of socket and sources
//
// Every kind of socket is tracked, and the message names it and what it
// holds (the words come from one table, shared by every check):
//
//   - conn: a TCP conn (net.Dial, Dialer.DialContext, Listener.Accept,
//     tls.Dial): its fd stays held, and once the peer closes the socket
//     sits in CLOSE_WAIT.
//   - unix conn: a unix stream conn (net.Dial("unix"), DialUnix,
//     UnixListener.Accept): its fd stays held and the peer never reads EOF.
//   - packet conn: a UDP, IP or unixgram socket (ListenPacket, ListenUDP,
//     DialUDP, ListenUnixgram, ListenIP, ListenMulticastUDP,
//     ListenConfig.ListenPacket, net.Dial on a constant "udp", "ip" or
//     "unixgram" network): its fd and port stay held. A packet socket has
//     no peer to close it, so an exit after a failed read is reported here,
//     not by closewait.
//   - listener: net.Listen, ListenTCP, ListenUnix, ListenConfig.Listen,
//     tls.Listen, tls.NewListener: its port stays held, and clients that
//     connect queue in its backlog unserved. http.Serve and Server.Serve
//     close the listener they are given.
//
// A call is a source by one of three rules, tried in order: the built-in
// tables of the standard library (the list above) and of the conn
// wrappers of a few much-used modules (below); a fact of the callee's
// package saying it returns a fresh conn (a helper of an analysed module
// that returns what it dialled); the name-and-type rule, for calls that
// no table or fact can describe: a method of an interface, or a func-typed
// field, variable or parameter, whose name begins with Dial or Accept and
// which returns a net.Conn (or net.PacketConn) implementation with an
// error, returns a fresh conn its caller owns (a project's Dialer
// interface, proxy.Dialer, http.Transport.DialContext); one whose name
// begins with Listen and which returns a net.Listener returns a fresh
// listener. The related information of a finding says when the rule made
// the source. Concrete functions of other modules are left to their facts:
// one that returns a pooled conn under a Dial name is not a source.
//
// The module table covers wrappers whose code is too tangled for a fact
// (the conn goes through a goroutine before it is returned) or whose
// roles the code cannot show:
//
//   - gorilla/websocket: Dialer.Dial, Dialer.DialContext, Upgrader.Upgrade
//     make a conn; ReadMessage, NextReader and ReadJSON are its reads (a
//     failed one leaves the TCP conn in CLOSE_WAIT: closewait).
//   - coder/websocket and nhooyr.io/websocket: Dial and Accept make a
//     conn, Close and CloseNow close it; a read may close it itself (a
//     close frame), so only a conn never read nor closed is reported.
//   - golang.org/x/crypto/ssh: Dial makes a client; NewClientConn takes its
//     net.Conn (closing it when the handshake fails) and returns a conn of
//     its own, which NewClient wraps. The mux closes the transport when
//     its reads end, so an ssh client is reported only when never closed.
//   - hashicorp/yamux and xtaci/smux are not listed: their sessions close
//     themselves when reads fail or the keepalive times out.
//   - xtaci/kcp-go and quic-go: Dial, DialWithOptions, DialAddr make a
//     packet conn (a UDP socket of its own; quic-go's CloseWithError
//     closes it); Listen, ListenWithOptions, ListenAddr a listener.
//   - farsightsec/golang-framestream: NewEncoder, NewWriter, NewDecoder
//     and NewReader use the conn they are given; their Close writes the
//     STOP frame and never closes the conn, which its owner still must.
//
// # Example
//
// Bad: the early return on a write error leaks c.
//
//	c, err := net.Dial("tcp", addr)
//	if err != nil {
//		return err
//	}
//	if _, err := c.Write(req); err != nil {
//		return err // c leaks
//	}
//	return c.Close()
//
// Good:
//
//	c, err := net.Dial("tcp", addr)
//	if err != nil {
//		return err
//	}
//	defer c.Close()
//
// A suggested fix inserts `defer c.Close()` after the error check when that
// is safe: the conn never leaves the function, the Dial is not in a loop,
// and it is a standard library conn (a second Close is harmless).
//
// # False positives
//
// The conn's source returns a nil conn with its error, so paths where that
// error is non-nil (or the conn is nil) are never reported. The analyzer is
// silent when the conn leaves the function: returned (the caller owns it),
// stored in a field, global, map, slice or channel, sent, captured by a
// closure it cannot follow, handed to a goroutine, or passed to a function
// it knows nothing about. Helpers in other packages are known through
// facts; the standard library through built-in tables. Paths that end in
// panic, log.Fatal, os.Exit or t.Fatal are not exits, a loop that never
// ends is no leak, and returning from main.main is not a leak.
//
// Test assertions on the source's error are read as what they mean (the
// table is in passes/internal/knowledge): `if !assert.NoError(t, err) {
// return }` returns with a nil conn; require.Error, require.ErrorIs and
// gomega's Expect(err).To(HaveOccurred()) return only when the dial
// failed; require.FailNow, assert.FailNow and ginkgo's Fail never return.
//
// A goroutine that only reads or writes a conn (it neither closes nor
// takes it) while the function that started it goes on using the conn
// does not own it: the starter does, and its leak is reported there.
//
// # Test files
//
// _test.go files are checked: a leak in a test is a real leak (a long test
// binary runs out of fds, and a socket left in CLOSE_WAIT can make a later
// test flaky), and the data says the findings there are right. On the
// project's real-code corpus (eval/, 44 networking modules, tests
// included) this check reports 28 findings in test files, 0 of them false
// positives; the typical one is a dial or accept in a test that is never closed, or not on an early return. Test assertions (testify, gomega) are
// read as the branch conditions they stand for. To skip test files, run
// the suite on the packages without their tests (-test=false).
//
// # Suppressing
//
// Write //closewait:ignore connleak <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:connleak works
// too. Findings in generated files are never reported.
package connleak
