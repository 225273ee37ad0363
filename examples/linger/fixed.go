package linger

import (
	"bufio"
	"errors"
	"io"
	"net"
	"time"
)

// ServeFixed accepts connections on ln and answers each request line with
// Reply, until ln is closed (it then returns nil). It closes every
// connection gracefully, so that the client receives the whole reply.
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

// handleFixed reads a request line, writes the reply and closes c
// gracefully: CloseWrite sends FIN after the last byte of the reply, then
// it reads (and drops) what the client may still send until the client
// hangs up or DrainTimeout passes, so that Close finds no unread data, which
// would make the kernel send RST as well.
func handleFixed(c net.Conn) {
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(IdleTimeout))
	r := bufio.NewReader(c)
	if _, err := r.ReadString('\n'); err != nil {
		return
	}
	if _, err := c.Write(Reply()); err != nil {
		return
	}
	if tc, ok := c.(*net.TCPConn); ok {
		if err := tc.CloseWrite(); err != nil {
			return
		}
	}
	c.SetReadDeadline(time.Now().Add(DrainTimeout))
	io.Copy(io.Discard, r)
}
