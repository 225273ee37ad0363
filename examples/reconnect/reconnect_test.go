package reconnect_test

import (
	"net"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/closewait/closewait/examples/reconnect"
	"github.com/closewait/closewait/sockstate"
)

const (
	reconnects = 20 // times the client connects again
	ticks      = 3  // lines per session
)

// wait bounds every wait of these tests.
const wait = 10 * time.Second

// feed serves the feed on a loopback listener until the test ends, and
// returns its address and a selector of the client side's sockets.
func feed(t *testing.T) (addr string, onClient sockstate.Option) {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- reconnect.ServeFeed(ln, ticks) }()
	t.Cleanup(func() {
		ln.Close()
		if err := <-done; err != nil {
			t.Errorf("ServeFeed: %v", err)
		}
	})
	port := ln.Addr().(*net.TCPAddr).AddrPort().Port()
	onClient = sockstate.Only(func(s sockstate.Socket) bool { return s.Remote.Port() == port })
	return ln.Addr().String(), onClient
}

// holdGC turns the garbage collector off until release is called or the
// test ends. The leaked conns are unreachable, and Go's finalizer closes
// such a conn at the next collection: that would hide the leak from the
// count at random.
func holdGC(t *testing.T) (release func()) {
	old := debug.SetGCPercent(-1)
	var once sync.Once
	release = func() { once.Do(func() { debug.SetGCPercent(old) }) }
	t.Cleanup(release)
	return release
}

func TestBuggyLeavesCloseWait(t *testing.T) {
	releaseGC := holdGC(t)
	addr, onClient := feed(t)
	lines, err := reconnect.WatchBuggy(addr, reconnects)
	if err != nil {
		t.Fatal(err)
	}
	if want := (reconnects + 1) * ticks; lines != want {
		t.Errorf("read %d lines, want %d", lines, want)
	}
	// Each old conn read io.EOF, so the server's FIN had arrived: all are
	// in CLOSE_WAIT already. The last conn was closed.
	got := sockstate.WaitCount(t, sockstate.CloseWait, reconnects, onClient, sockstate.MaxWait(wait))
	if got != reconnects {
		t.Fatalf("buggy: %d client sockets in CLOSE_WAIT after %d reconnects, want %d", got, reconnects, reconnects)
	}
	t.Logf("buggy: %d reconnects, %d client sockets in CLOSE_WAIT", reconnects, got)

	// Only the finalizers of the unreachable conns can release them now.
	releaseGC()
	runtime.GC()
	left := sockstate.WaitCount(t, sockstate.CloseWait, 0, onClient, sockstate.MaxWait(wait))
	t.Logf("buggy: after runtime.GC, %d client sockets in CLOSE_WAIT", left)
}

func TestFixedLeavesNone(t *testing.T) {
	holdGC(t) // as for the buggy client: only Close may release the conns
	addr, onClient := feed(t)
	lines, err := reconnect.WatchFixed(addr, reconnects)
	if err != nil {
		t.Fatal(err)
	}
	if want := (reconnects + 1) * ticks; lines != want {
		t.Errorf("read %d lines, want %d", lines, want)
	}
	// WatchFixed closed every conn before returning: the client holds none.
	sockstate.VerifyNone(t, onClient, sockstate.MaxWait(wait))
	got := sockstate.Count(t, sockstate.CloseWait, onClient)
	t.Logf("fixed: %d reconnects, %d client sockets in CLOSE_WAIT", reconnects, got)
}
