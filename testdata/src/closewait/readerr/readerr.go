// Package readerr tests the headline bug: a conn left open on the path
// where a read fails or hits EOF.
package readerr

import (
	"bufio"
	"io"
	"net"
)

func process([]byte) {}

func readReturn(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err // ok: c is nil when Dial fails
	}
	buf := make([]byte, 512)
	n, err := c.Read(buf)
	if err != nil {
		return err // want `conn c from net.Dial \(line 14\) is not closed on this path after Read fails or hits EOF \(line 19\)`
	}
	process(buf[:n])
	return c.Close()
}

func readDeferred(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close() // ok: closed on every path
	buf := make([]byte, 512)
	_, err = c.Read(buf)
	return err
}

func scanLoop(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		process(sc.Bytes())
	}
} // want `conn c from ln.Accept \(line 39\) is not closed on this path after Scan fails`

func handle(c net.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return // want `conn c \(owned by this goroutine\) is not closed on this path after Read fails`
		}
		process(buf[:n])
	}
}

func serve(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go handle(c) // ok: the goroutine owns c
	}
}

func copyEOF(dst io.Writer, addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	io.Copy(dst, c)
} // want `conn c from net.Dial \(line 71\) is not closed on this path after io.Copy fails or hits EOF`

func neverClosed(addr string) {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return
	}
	c.Write([]byte("hi"))
}
