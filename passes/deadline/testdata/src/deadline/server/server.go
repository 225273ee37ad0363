// Package server tests deadline on server-side conns: accepted conns read
// with no deadline are reported; deadlines set here, in a helper, or by
// the caller before handing the conn over are not.
package server

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"time"
)

func process([]byte) {}

func handle(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf) // want `conn c \(accepted\) is read with no deadline: a peer that stays silent`
		if err != nil {
			return
		}
		process(buf[:n])
	}
}

func serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}

func handleScanner(c net.Conn) {
	defer c.Close()
	sc := bufio.NewScanner(c)
	for sc.Scan() { // want `conn c \(accepted\) is read with no deadline`
		process(sc.Bytes())
	}
}

func serveScanner(ln *net.TCPListener) {
	for {
		c, err := ln.AcceptTCP()
		if err != nil {
			return
		}
		go handleScanner(c)
	}
}

func inline(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	var req map[string]any
	json.NewDecoder(c).Decode(&req) // want `conn c \(accepted\) is read with no deadline`
}

func closure(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			io.Copy(io.Discard, c) // want `conn c \(accepted\) is read with no deadline`
		}()
	}
}

func readFull(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	hdr := make([]byte, 4)
	io.ReadFull(c, hdr) // want `conn c \(accepted\) is read with no deadline`
}

func readMsg(c net.Conn) ([]byte, error) {
	b := make([]byte, 16)
	n, err := c.Read(b)
	return b[:n], err
}

func viaHelper(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	readMsg(c) // want `conn c \(accepted\) is read with no deadline`
}

type myListener struct{ net.Listener }

func (l myListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return c, nil
}

func wrappedListener(l myListener) {
	c, err := l.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	c.Read(make([]byte, 1)) // want `conn c \(accepted\) is read with no deadline`
}

// Negatives.

func handleWithDeadline(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 512)
	for {
		c.SetReadDeadline(time.Now().Add(time.Minute))
		if _, err := c.Read(buf); err != nil { // ok: deadline in the loop
			return
		}
	}
}

func serveWithDeadline(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handleWithDeadline(c)
	}
}

func handleCallerDeadline(c net.Conn) {
	defer c.Close()
	io.Copy(io.Discard, c) // ok: the caller set a deadline before handing c over
}

func serveCallerDeadline(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.SetDeadline(time.Now().Add(time.Minute))
		go handleCallerDeadline(c)
	}
}

func setDeadline(c net.Conn, d time.Duration) {
	c.SetReadDeadline(time.Now().Add(d))
}

func helperDeadline(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	setDeadline(c, time.Second)
	c.Read(make([]byte, 1)) // ok: a helper sets the deadline
}

func noRead(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	c.Write([]byte("hello")) // ok: never read
}

func stored(ln net.Listener, conns chan net.Conn) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	c.Read(make([]byte, 1)) // ok: c escapes, the deadline may be set elsewhere
	conns <- c
}

func unixListener(ln *net.UnixListener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	c.Read(make([]byte, 1)) // ok: a unix socket, local peer
}

func clientConn(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	io.ReadAll(c) // ok: client conns only with -deadline.clients
}

func pipe() {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	a.Read(make([]byte, 1)) // ok: in memory
}

func deadlineViaTLSWrapperEmbed(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	tc := c.(*net.TCPConn)
	tc.SetDeadline(time.Now().Add(time.Second))
	bufio.NewReader(c).ReadString('\n') // ok: the deadline is set through an alias
}
