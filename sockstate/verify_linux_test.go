//go:build linux

package sockstate

import (
	"strings"
	"testing"
	"time"
)

// eventually calls ok until it returns true, for up to five seconds, and
// returns its last result. A socket table read while other processes open
// and close sockets can miss a row, so one reading is not trusted to show a
// socket.
func eventually(ok func() bool) bool {
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// TestVerifyLive runs the helpers against real loopback sockets.
func TestVerifyLive(t *testing.T) {
	snap := Snapshot(t)
	ln, client, server := pair(t)
	port := addrOf(ln.Addr()).Port()
	mine := Only(func(s Socket) bool { return s.Local.Port() == port || s.Remote.Port() == port })

	reports := func(f func(tb testing.TB), n int) bool {
		r := record(t, f)
		return len(r.errs) == 1 && strings.Contains(r.errs[0], plural(n))
	}
	if !eventually(func() bool { return reports(func(tb testing.TB) { snap.VerifyNoNew(tb, MaxWait(0)) }, 3) }) {
		t.Errorf("VerifyNoNew with a listener and a connection open did not report 3 sockets")
	}

	client.Close()
	if got := WaitCount(t, CloseWait, 1, mine, MaxWait(5*time.Second)); got != 1 {
		t.Fatalf("%d sockets in CLOSE_WAIT, want 1", got)
	}
	if !eventually(func() bool { return reports(func(tb testing.TB) { VerifyNoCloseWait(tb, mine, MaxWait(0)) }, 1) }) {
		t.Errorf("VerifyNoCloseWait with a server conn left open did not report it")
	}
	r := record(t, func(tb testing.TB) { VerifyNoCloseWait(tb, IgnorePorts(port), MaxWait(0)) })
	if len(r.errs) != 0 {
		t.Errorf("VerifyNoCloseWait ignoring the port: %q", r.errs)
	}

	server.Close()
	ln.Close()
	VerifyNoCloseWait(t, mine)
	VerifyNone(t, mine)
	snap.VerifyNoNew(t)
}
