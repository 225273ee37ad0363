package linger

import (
	"bufio"
	"errors"
	"net"
	"time"
)

// ServeBuggy accepts connections on ln and answers each request line with
// Reply, until ln is closed (it then returns nil). It resets every
// connection after the reply (SetLinger(0), then Close), so clients may not
// receive all of it.
func ServeBuggy(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go handleBuggy(c)
	}
}

// handleBuggy reads a request line, writes the reply and closes c.
//
// BUG: SetLinger(0) turns the Close into an abortive close, to skip
// TIME_WAIT: the kernel sends RST instead of FIN and discards the part of
// the reply it has not sent yet. The client reads ECONNRESET, often before
// the end of the reply.
func handleBuggy(c net.Conn) {
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(IdleTimeout))
	if _, err := bufio.NewReader(c).ReadString('\n'); err != nil {
		return
	}
	if _, err := c.Write(Reply()); err != nil {
		return
	}
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetLinger(0) // BUG: Close will send RST and drop unsent data
	}
}
