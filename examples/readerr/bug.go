package readerr

import (
	"errors"
	"net"
	"time"
)

// ServeBuggy accepts connections on ln and echoes back what each client
// sends, until ln is closed (it then returns nil). Its handler never closes
// a conn: every client that hangs up leaves one server socket in
// CLOSE_WAIT.
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

// handleBuggy echoes c until a read or write fails.
//
// BUG: it returns without closing c. When the client hangs up, Read
// returns io.EOF and c stays in CLOSE_WAIT.
func handleBuggy(c net.Conn) {
	buf := make([]byte, 1024)
	for {
		c.SetReadDeadline(time.Now().Add(IdleTimeout))
		n, err := c.Read(buf)
		if err != nil {
			return // BUG: c is never closed
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}
