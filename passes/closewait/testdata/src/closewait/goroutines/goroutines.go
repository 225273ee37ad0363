// Package goroutines tests conns handed to goroutines: the goroutine owns
// the conn when the caller hands it over cleanly, and is checked as owner.
package goroutines

import (
	"context"
	"io"
	"net"
	"sync"
)

func process([]byte) {}

// handle is started by go with a conn nobody else closes: it owns c.
func handle(c net.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return // want `conn c \(owned by this goroutine\) is not closed when \w+\.Read fails`
		}
		process(buf[:n])
	}
}

func acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(c) // ok: handle owns c
	}
}

// handleOK closes c on every path.
func handleOK(c net.Conn) {
	defer c.Close()
	io.Copy(io.Discard, c) // ok: deferred close
}

func acceptLoopOK(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handleOK(c)
	}
}

func closureOwner(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			buf := make([]byte, 512)
			for {
				if _, err := c.Read(buf); err != nil {
					return // want `conn c \(owned by this goroutine\) is not closed when \w+\.Read fails`
				}
			}
		}()
	}
}

func closureOwnerOK(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close() // ok
			io.Copy(io.Discard, c)
		}()
	}
}

func paramClosure(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func(conn net.Conn) {
			_, err := io.ReadAll(conn)
			if err != nil {
				conn.Close()
			}
		}(c) // want `conn conn \(owned by this goroutine\) is not closed when io.ReadAll fails`
	}
}

type server struct{ mu sync.Mutex }

func (s *server) serveConn(c net.Conn) {
	buf := make([]byte, 16)
	if _, err := io.ReadFull(c, buf); err != nil {
		return // want `conn c \(owned by this goroutine\) is not closed when io.ReadFull fails`
	}
	c.Close()
}

func (s *server) loop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go s.serveConn(c)
	}
}

// proxy: the caller closes c itself, so the copying goroutine does not own
// it and its io.Copy returning is not a leak.
func proxy(c net.Conn, backendAddr string) {
	b, err := net.Dial("tcp", backendAddr)
	if err != nil {
		return
	}
	defer b.Close()
	go func() {
		io.Copy(b, c) // ok: the caller closes b
	}()
	io.Copy(c, b)
}

// bidirectional: each goroutine closes one side; both capture both conns,
// so neither owns the other's conn.
func bidirectional(ln net.Listener, backendAddr string) {
	a, err := ln.Accept()
	if err != nil {
		return
	}
	b, err := net.Dial("tcp", backendAddr)
	if err != nil {
		a.Close()
		return
	}
	go func() {
		io.Copy(a, b)
		a.Close() // ok: shared conns are not owned by one goroutine
	}()
	go func() {
		io.Copy(b, a)
		b.Close()
	}()
}

// watcher: a goroutine that closes the conn when the context ends owns
// its close; the caller's read error path is not a leak.
func watcher(ctx context.Context, addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		c.Close()
	}()
	buf := make([]byte, 16)
	_, err = c.Read(buf)
	return err // ok: the watcher closes c
}

func afterFunc(ctx context.Context, addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	_, err = c.Read(make([]byte, 1))
	return err // ok: closed through context.AfterFunc (escapes to it)
}

// waited: the caller waits for the goroutine and closes c itself.
func waited(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(io.Discard, c) // ok: not the owner, the caller closes c
	}()
	wg.Wait()
	c.Close()
}

// alsoCalled is started by go and also called directly: it is not known
// to own its conn.
func alsoCalled(c net.Conn) {
	if _, err := c.Read(make([]byte, 1)); err != nil {
		return // ok: ownership unclear
	}
	c.Close()
}

func useAlsoCalled(ln net.Listener, other net.Conn) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	go alsoCalled(c)
	alsoCalled(other)
	other.Close()
}

// Handle is a handler (no results) that reads its conn and closes it on
// some path: it took responsibility for c, so a read failure that
// returns without closing is the CLOSE_WAIT bug even though its caller is
// in another package.
func Handle(c net.Conn) {
	buf := make([]byte, 32)
	n, err := c.Read(buf)
	if err != nil {
		return // want `conn c is not closed when \w+\.Read fails`
	}
	process(buf[:n])
	c.Close()
}

// Reject closes its conn on some path but reads nothing: a conditional
// close, not ownership.
func Reject(c net.Conn, banned bool) {
	if banned {
		c.Close() // ok
	}
}

// Handshake returns an error: its caller keeps ownership when it fails.
func Handshake(c net.Conn) error {
	buf := make([]byte, 4)
	if _, err := io.ReadFull(c, buf); err != nil {
		return err // ok: the caller sees the error and owns c
	}
	return nil
}

func goStd(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	go io.Copy(io.Discard, c) // ok: handed to a goroutine we cannot see
}

// sharedFromSlice: conns from a slice, each handed to two goroutines (a
// reader and a writer), as in the benchmarks of net and expvar. The
// reader closes c at the end but not on its error path; the writer may
// still use it, so neither goroutine is known to own it.
func sharedFromSlice(clients []net.Conn) {
	var wg sync.WaitGroup
	for p := range clients {
		wg.Add(2)
		go func(c net.Conn) {
			defer wg.Done()
			c.Write([]byte("x"))
		}(clients[p])
		go func(c net.Conn) {
			defer wg.Done()
			if _, err := c.Read(make([]byte, 1)); err != nil {
				return // ok: c is shared, not owned by this goroutine
			}
			c.Close()
		}(clients[p])
	}
	wg.Wait()
}
