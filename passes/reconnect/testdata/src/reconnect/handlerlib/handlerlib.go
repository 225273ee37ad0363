// Package handlerlib declares conn handlers started by package handoff
// with go statements; their exported summaries say who owns the conn.
package handlerlib

import "net"

// Echo writes back what it reads from c until a read fails, and never
// closes c: it only borrows it.
func Echo(c net.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		c.Write(buf[:n])
	}
}

// EchoClose is Echo that closes c when it is done.
func EchoClose(c net.Conn) {
	defer c.Close()
	Echo(c)
}
