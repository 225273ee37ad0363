// Package clients tests deadline with -deadline.clients.
package clients

import (
	"io"
	"net"
	"time"
)

func client(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	io.ReadAll(c) // want `conn c \(client\) is read with no deadline`
}

func clientWithDeadline(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	io.ReadAll(c) // ok
}
