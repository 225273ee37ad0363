// Package reconnect shows the reconnect-loop leak of the seed articles
// ("thousands of ports in CLOSE_WAIT, reconnect keeps failing"): a client
// that, when the server hangs up, dials a new conn into the same variable
// without closing the old one.
//
// The server's FIN put the old conn in CLOSE_WAIT on the client's side; the
// client dropped its only reference without Close, so nothing will ever send
// the client's FIN. Each reconnect leaks one socket, one file descriptor and
// one local port; the server's side waits in FIN_WAIT2 meanwhile. In Go the
// garbage collector eventually finalizes the unreachable conn and closes it,
// which hides the leak in small tests and delays it in real programs: it is
// no substitute for Close.
//
// [ServeFeed] is a server that hangs up after each session; [WatchBuggy]
// has the bug and [WatchFixed] closes the old conn before dialing again.
package reconnect

import (
	"errors"
	"fmt"
	"net"
)

// ServeFeed accepts connections on ln, sends each client the lines "tick 1"
// to "tick <ticks>" and hangs up, until ln is closed (it then returns nil).
// It stands in for a server that drops sessions: a restart, an idle
// timeout, a load balancer.
func ServeFeed(ln net.Listener, ticks int) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go sendFeed(c, ticks)
	}
}

// sendFeed writes the ticks to c and closes it.
func sendFeed(c net.Conn, ticks int) {
	defer c.Close()
	for i := 1; i <= ticks; i++ {
		if _, err := fmt.Fprintf(c, "tick %d\n", i); err != nil {
			return
		}
	}
}
