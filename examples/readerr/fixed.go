package readerr

import (
	"errors"
	"net"
	"time"
)

// ServeFixed is ServeBuggy with the handler fixed: it accepts connections
// on ln and echoes back what each client sends, until ln is closed (it then
// returns nil), and closes every conn when its client hangs up.
func ServeFixed(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go handleFixed(c)
	}
}

// handleFixed echoes c until a read or write fails, then closes c: on
// io.EOF that sends our FIN and the socket leaves CLOSE_WAIT at once.
func handleFixed(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 1024)
	for {
		c.SetReadDeadline(time.Now().Add(IdleTimeout))
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}
