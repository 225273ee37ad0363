// Package fix tests the suggested fix: insert defer c.Close() after the
// error check, only where that is safe.
package fix

import (
	"io"
	"net"
)

func neverClosed(addr string) error {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("x"))
	return err
}

func readErr(addr string) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(c)
	if err != nil {
		return nil, err // want `is not closed when io.ReadAll fails`
	}
	c.Close()
	return b, nil
}

func handler(c net.Conn) {
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return // want `conn c \(owned by this goroutine\) is not closed`
	}
	c.Close()
}

func serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handler(c)
	}
}

// No fix: the conn is returned on another path, so a defer would close
// the caller's conn.
func returnedElsewhere(addr string, ok bool) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, io.EOF // want `is not closed on this path`
	}
	return c, nil
}

// No fix: the Dial is in a loop, where a defer piles up.
func inLoop(addrs []string) {
	for _, a := range addrs {
		c, err := net.Dial("tcp", a) // want `conn c from net.Dial is never closed`
		if err != nil {
			continue
		}
		c.Write(nil)
	}
}
