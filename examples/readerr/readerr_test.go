package readerr_test

import (
	"io"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/closewait/closewait/examples/readerr"
	"github.com/closewait/closewait/sockstate"
)

// clients is how many clients connect, send a message and hang up.
const clients = 20

// wait bounds every wait of these tests.
const wait = 10 * time.Second

// keepingListener records the conns it accepts, so that the test keeps
// them reachable (Go's finalizer would close a leaked conn at the next GC
// and hide the leak from the count) and can close them when it ends.
type keepingListener struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (l *keepingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
	return c, err
}

// closeAll closes every conn accepted so far.
func (l *keepingListener) closeAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		c.Close()
	}
}

// start runs serve on a loopback listener until the test ends and returns
// the listener.
func start(t *testing.T, serve func(net.Listener) error) *keepingListener {
	t.Helper()
	inner, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &keepingListener{Listener: inner}
	done := make(chan error, 1)
	go func() { done <- serve(ln) }()
	t.Cleanup(func() {
		ln.Close()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		ln.closeAll()
	})
	return ln
}

// helloAll runs hello n times against ln, and returns a selector of the
// server's side of these connections (any state but LISTEN).
func helloAll(t *testing.T, ln net.Listener, n int) sockstate.Option {
	t.Helper()
	addr := ln.Addr().String()
	server := netip.MustParseAddrPort(addr)
	clients := make(map[netip.AddrPort]bool, n)
	for range n {
		clients[hello(t, addr)] = true
	}
	return sockstate.Only(func(s sockstate.Socket) bool {
		return s.Local == server && clients[s.Remote]
	})
}

// hello connects to addr, sends a message, reads its echo and hangs up. It
// returns the client's address.
func hello(t *testing.T, addr string) netip.AddrPort {
	t.Helper()
	c, err := net.DialTimeout("tcp4", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(wait))
	msg := []byte("hello\n")
	if _, err := c.Write(msg); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(c, make([]byte, len(msg))); err != nil {
		t.Fatal(err)
	}
	return c.LocalAddr().(*net.TCPAddr).AddrPort()
}

func TestBuggyLeavesCloseWait(t *testing.T) {
	ln := start(t, readerr.ServeBuggy)
	onServer := helloAll(t, ln, clients)
	got := sockstate.WaitCount(t, sockstate.CloseWait, clients, onServer, sockstate.MaxWait(wait))
	if got != clients {
		t.Fatalf("buggy: %d server sockets in CLOSE_WAIT after %d clients hung up, want %d", got, clients, clients)
	}
	// CLOSE_WAIT has no timer: the sockets stay until the program closes them.
	time.Sleep(100 * time.Millisecond)
	if n := sockstate.WaitCount(t, sockstate.CloseWait, clients, onServer); n != clients {
		t.Errorf("buggy: %d server sockets in CLOSE_WAIT a moment later, want still %d", n, clients)
	}
	t.Logf("buggy: %d clients hung up, %d server sockets in CLOSE_WAIT", clients, got)

	// Closing them, as the handler should have, releases them all.
	ln.closeAll()
	sockstate.VerifyNone(t, onServer, sockstate.MaxWait(wait))
}

func TestFixedLeavesNone(t *testing.T) {
	onServer := helloAll(t, start(t, readerr.ServeFixed), clients)
	// Every client got its echo, so every conn was accepted: once the
	// server holds none of them, each was closed by its handler.
	sockstate.VerifyNone(t, onServer, sockstate.MaxWait(wait))
	sockstate.VerifyNoCloseWait(t, onServer)
	got := sockstate.Count(t, sockstate.CloseWait, onServer)
	t.Logf("fixed: %d clients hung up, %d server sockets in CLOSE_WAIT", clients, got)
}
