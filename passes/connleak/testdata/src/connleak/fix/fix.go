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

// c is closed on the other path, so a deferred close would close it twice
// there: the fix closes it on the leaking path instead.
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

// The goroutine closes c at the end, so a deferred close at the top would
// close it twice: the fix closes it on the leaking path instead.
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

// The goroutine closes c nowhere: the fix defers its close at the top.
func handlerNeverCloses(c net.Conn) {
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return // want `conn c \(owned by this goroutine\) is not closed`
	}
	c.Write(nil)
}

func serveNeverCloses(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handlerNeverCloses(c)
	}
}

// No fix: c holds two conns in turn. A defer after the first error check
// evaluates c at once, so it would close the first conn only.
func twoConns(a, b string) error {
	c, err := net.Dial("tcp", a) // want `conn c from net.Dial is never closed`
	if err != nil {
		return err
	}
	c.Write(nil)
	c, err = net.Dial("tcp", b) // want `conn c from net.Dial is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write(nil)
	return err
}

// No fix: the goroutine's parameter is given another conn.
func handlerRedials(c net.Conn, addr string) {
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		c, _ = net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
		c.Write(nil)
		return // want `conn c \(owned by this goroutine\) is not closed`
	}
	c.Write(nil)
}

func serveRedials(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handlerRedials(c, "x")
	}
}

// No fix: on one path to the leaking return c is closed already, on the
// other it is open; a close there would close it twice on the first.
func maybeClosed(addr string, early bool) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if early {
		c.Close()
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return err // want `is not closed when io.ReadFull fails`
	}
	return c.Close()
}

// No fix: at the leaking return, c names another variable.
func shadowed(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		c := 0
		_ = c
		return err // want `is not closed when io.ReadFull fails`
	}
	return c.Close()
}
