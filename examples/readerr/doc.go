// Package readerr shows the headline CLOSE_WAIT bug: a connection handler
// that returns when Read fails without closing its conn.
//
// When a client hangs up, its FIN reaches the server's kernel, which
// acknowledges it and moves the server's socket to CLOSE_WAIT; the program
// sees it as Read returning io.EOF. Only the program's Close sends the
// server's own FIN and lets the socket go. A handler that just returns
// keeps the socket, its buffers and its file descriptor until the process
// exits (or, in Go, until the garbage collector happens to finalize the
// unreachable conn). Enough of them and Accept fails with "too many open
// files".
//
// [ServeBuggy] has the bug; [ServeFixed] closes the conn on every path.
package readerr

import "time"

// IdleTimeout is how long both servers wait for a client's next message
// before they give up on it.
const IdleTimeout = 30 * time.Second
