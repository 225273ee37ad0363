// Package control tests control flow: switch and select exits, labelled
// breaks, panics, calls that never return, endless loops and main.
package control

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"testing"
)

func selectExit(ctx context.Context, addr string, msgs chan []byte) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err() // want `conn c from net.Dial is not closed on this path: its fd`
		case m := <-msgs:
			if _, err := c.Write(m); err != nil {
				c.Close()
				return err
			}
		}
	}
}

func selectBreak(ctx context.Context, addr string, msgs chan []byte) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	for {
		select {
		case <-ctx.Done():
			break // ok: breaks the select, not the loop; defer covers all
		case m := <-msgs:
			c.Write(m)
		}
	}
}

func labelledBreak(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 8)
loop:
	for {
		n, err := c.Read(buf)
		switch {
		case err != nil:
			break loop
		case n == 1:
			continue
		}
	}
	return nil // want `conn c from net.Dial is not closed when c\.Read fails`
}

func labelledBreakClosed(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 8)
loop:
	for {
		if _, err := c.Read(buf); err != nil {
			break loop
		}
	}
	return c.Close() // ok: closed after the loop
}

func fatalOnDialError(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		log.Fatal(err) // ok: never returns
	}
	defer c.Close()
	io.Copy(os.Stdout, c)
}

func fatalOnReadError(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	if _, err := c.Read(make([]byte, 1)); err != nil {
		log.Fatalf("read: %v", err) // ok: the process exits
	}
	c.Close()
}

func panicOnReadError(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	if _, err := c.Read(make([]byte, 1)); err != nil {
		panic(err) // ok: a panic is not a leak we report
	}
	c.Close()
}

func osExit(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		os.Exit(1)
	}
	if _, err := c.Write(nil); err != nil {
		os.Exit(2) // ok
	}
	c.Close()
}

func die(msg string) {
	log.Print(msg)
	os.Exit(1)
}

func localNoReturn(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	if _, err := c.Write(nil); err != nil {
		die("write") // ok: die never returns
	}
	c.Close()
}

func endless(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	for {
		c.Write([]byte("tick")) // ok: the loop never ends, no exit leaks c
	}
}

func testHelper(t testing.TB, addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err) // ok: never returns (through the testing.TB interface)
	}
	defer c.Close()
	if _, err := c.Read(make([]byte, 1)); err != nil {
		t.Fatalf("read: %v", err)
	}
}

func TestDial(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if err != nil {
		t.Skip(err) // ok
	}
	if _, err := c.Write(nil); err != nil {
		t.Fatal(err) // ok: t.Fatal never returns
	}
	c.Close()
}

func errorsAsTimeout(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	_, err = c.Read(make([]byte, 1))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return err // want `conn c from net.Dial is not closed on this path: its fd`
	}
	return c.Close()
}

func gotoExit(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write(nil); err != nil {
		goto fail
	}
	return c.Close()
fail:
	return errors.New("write failed") // want `conn c from net.Dial is not closed on this path: its fd`
}

// acceptAfterClose mirrors net's TestTCPListenerClose: the conn is nil
// where errors.Is(err, net.ErrClosed) holds.
func acceptAfterClose(ln net.Listener) error {
	c, err := ln.Accept()
	if !errors.Is(err, net.ErrClosed) {
		if err == nil {
			c.Close()
		}
		return errors.New("accept after close succeeded")
	}
	return nil // ok: err is net.ErrClosed, so c is nil
}

func errEqualsSentinel(ln net.Listener) error {
	c, err := ln.Accept()
	if err == net.ErrClosed {
		return nil // ok: c is nil
	}
	if err != nil {
		return err
	}
	return c.Close()
}

// retryDial mirrors crypto/tls's OpenSSL test helper: err is captured by
// a closure, so its checks load it from memory, in other blocks.
func retryDial(addr string) (net.Conn, error) {
	var c net.Conn
	var err error
	done := func() bool { return err == nil }
	for i := 0; i < 5; i++ {
		c, err = net.Dial("tcp", addr)
		if done() {
			break
		}
	}
	if err != nil {
		return nil, err // ok: the last dial failed, c is nil
	}
	return c, nil
}
