package linger_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/netip"
	"syscall"
	"testing"
	"time"

	"github.com/closewait/closewait/examples/linger"
	"github.com/closewait/closewait/sockstate"
)

const (
	requests = 5                     // requests per test, one per connection
	wait     = 10 * time.Second      // bounds every wait
	slowness = 50 * time.Millisecond // how long the client waits before reading
)

// serve runs serve on a loopback listener until the test ends and returns
// its address.
func serve(t *testing.T, serve func(net.Listener) error) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- serve(ln) }()
	t.Cleanup(func() {
		ln.Close()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// result is what a client saw of one request.
type result struct {
	reply         []byte
	err           error          // the error that ended the reply, nil at EOF
	local, server netip.AddrPort // the connection's addresses
}

// request sends a request to addr like a slow client: it waits a little
// before it reads the reply to the end.
func request(t *testing.T, addr string) result {
	t.Helper()
	c, err := net.DialTimeout("tcp4", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(wait))
	if _, err := c.Write([]byte("LOGIN alice hunter3\n")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(slowness)
	reply, err := io.ReadAll(c)
	return result{
		reply:  reply,
		err:    err,
		local:  c.LocalAddr().(*net.TCPAddr).AddrPort(),
		server: c.RemoteAddr().(*net.TCPAddr).AddrPort(),
	}
}

// timeWaits returns how many TIME_WAIT sockets the connection of r left, on
// either side, after waiting up to wait for want of them.
func timeWaits(t *testing.T, r result, want int) int {
	t.Helper()
	conn := sockstate.Only(func(s sockstate.Socket) bool {
		return s.Local == r.server && s.Remote == r.local || s.Local == r.local && s.Remote == r.server
	})
	return sockstate.WaitCount(t, sockstate.TimeWait, want, sockstate.AllSockets(), conn, sockstate.MaxWait(wait))
}

func TestReply(t *testing.T) {
	r := linger.Reply()
	if len(r) != linger.ReplySize || !bytes.HasPrefix(r, []byte("ERR 403 ")) || !bytes.HasSuffix(r, []byte("END\n")) {
		t.Errorf("Reply() is %d bytes, %q...%q; want %d bytes from ERR 403 to END", len(r), r[:8], r[len(r)-4:], linger.ReplySize)
	}
}

func TestBuggyResets(t *testing.T) {
	addr := serve(t, linger.ServeBuggy)
	full := linger.Reply()
	resets, short := 0, 0
	for range requests {
		r := request(t, addr)
		if errors.Is(r.err, syscall.ECONNRESET) {
			resets++
		}
		if !bytes.Equal(r.reply, full) {
			short++
		}
		if r.err == nil && bytes.Equal(r.reply, full) {
			t.Errorf("buggy: the whole reply arrived and ended cleanly, want a reset or a truncated reply")
		}
		t.Logf("buggy: received %d of %d bytes, then %v", len(r.reply), len(full), r.err)
		// RST skips TIME_WAIT on both sides.
		if n := timeWaits(t, r, 0); n != 0 {
			t.Errorf("buggy: %d TIME_WAIT sockets after a reset, want 0", n)
		}
	}
	t.Logf("buggy: %d/%d requests ended in ECONNRESET, %d/%d replies incomplete, 0 TIME_WAIT", resets, requests, short, requests)
}

func TestFixedDeliversReply(t *testing.T) {
	addr := serve(t, linger.ServeFixed)
	full := linger.Reply()
	for range requests {
		r := request(t, addr)
		if r.err != nil || !bytes.Equal(r.reply, full) {
			t.Errorf("fixed: received %d of %d bytes, then %v; want all of it, then EOF", len(r.reply), len(full), r.err)
		}
		// The server closed first, so its side is in TIME_WAIT.
		if n := timeWaits(t, r, 1); n != 1 {
			t.Errorf("fixed: %d TIME_WAIT sockets after a graceful close, want 1 (the server's)", n)
		}
	}
	t.Logf("fixed: %d/%d replies complete (%d bytes) and ended by EOF, 1 TIME_WAIT each on the server", requests, requests, len(full))
}
