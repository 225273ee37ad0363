// Package goreader tests conns handed to a reader goroutine while the
// spawner goes on using them: the spawner owns the conn, so a leak is
// reported at the spawner, and the reader's return on error is not.
package goreader

import (
	"io"
	"net"
	"os"
	"time"
)

// readLoop only reads c: it neither closes nor takes it.
func readLoop(c net.Conn, out chan<- []byte) {
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return // ok: the spawner owns c
		}
		out <- buf[:n]
	}
}

// The spawner writes after starting the reader, and never closes c.
func spawnerLeaks(addr string, msgs [][]byte) {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return
	}
	go readLoop(c, make(chan []byte))
	for _, m := range msgs {
		c.Write(m)
	}
}

// The negative twin: the spawner closes c when it is done.
func spawnerCloses(addr string, msgs [][]byte) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	go readLoop(c, make(chan []byte))
	for _, m := range msgs {
		c.Write(m)
	}
}

// The same with a closure reader: the spawner's early return leaks.
func closureReader(addr string, msg []byte) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		io.Copy(os.Stdout, c)
	}()
	if _, err := c.Write(msg); err != nil {
		return err // want `conn c from net.Dial is not closed on this path`
	}
	return c.Close()
}

// A reader that closes c at EOF owns it: the spawner may return without
// closing.
func closingReader(addr string, msg []byte) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	go func() {
		defer c.Close()
		io.Copy(os.Stdout, c)
	}()
	c.Write(msg)
}

// An accept loop whose handler only reads: nobody else uses the conn
// after the go statement (the next Accept makes another one), so the
// handler owns it and is reported, as before.
func handle(c net.Conn) {
	buf := make([]byte, 64)
	for {
		if _, err := c.Read(buf); err != nil {
			return // want `conn c \(owned by this goroutine\) is not closed when c.Read fails`
		}
	}
}

func acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.SetDeadline(time.Now().Add(time.Minute))
		go handle(c)
	}
}
