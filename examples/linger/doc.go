// Package linger shows the abortive close the seed articles warn about: a
// server that answers a request with an error reply and then closes with
// SO_LINGER {on, 0} (in Go, (*net.TCPConn).SetLinger(0)), to spare itself
// the TIME_WAIT state.
//
// With linger 0, Close does not send FIN after the data: it sends RST and
// throws away whatever the kernel has not transmitted yet. The client gets
// "connection reset by peer" (ECONNRESET) instead of the end of the reply,
// and, unless it read fast enough, only part of the reply: in the
// articles' words, the client never receives the "wrong password" message.
// It hides a symptom (TIME_WAIT) and breaks the protocol.
//
// [ServeBuggy] closes abortively; [ServeFixed] closes gracefully: it
// half-closes after the reply (CloseWrite sends FIN once all the data is
// sent), waits a bounded time for the client to hang up, and closes. The
// server then goes through TIME_WAIT, the normal cost of closing first.
package linger

import (
	"bytes"
	"fmt"
	"time"
)

// ReplySize is the size of the error reply: large enough that part of it
// is still in the server's kernel when a slow client starts reading.
const ReplySize = 256 << 10

// IdleTimeout is how long both servers wait for a request.
const IdleTimeout = 10 * time.Second

// DrainTimeout is how long ServeFixed waits for the client to hang up
// after the reply.
const DrainTimeout = 5 * time.Second

// Reply returns the reply both servers send to every request: a status
// line and a diagnostic body, ReplySize bytes in all, ending in "END\n".
func Reply() []byte {
	var b bytes.Buffer
	b.WriteString("ERR 403 wrong password\n")
	for i := 0; b.Len() < ReplySize-64; i++ {
		fmt.Fprintf(&b, "diagnostic line %d\n", i)
	}
	for b.Len() < ReplySize-4 {
		b.WriteByte('.')
	}
	b.WriteString("END\n")
	return b.Bytes()
}
