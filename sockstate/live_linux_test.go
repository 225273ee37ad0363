//go:build linux

package sockstate

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"net/netip"
	"slices"
	"testing"
	"time"
)

// pair returns a loopback listener and a connected client and server conn,
// all closed when the test ends.
func pair(t *testing.T) (ln net.Listener, client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	client, err = net.DialTimeout("tcp4", ln.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	server, err = ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close() })
	return ln, client, server
}

// addrOf returns the address of a TCP net.Addr.
func addrOf(a net.Addr) netip.AddrPort {
	return a.(*net.TCPAddr).AddrPort()
}

// find returns the socket of socks with the given addresses.
func find(socks []Socket, local, remote netip.AddrPort) (Socket, bool) {
	i := slices.IndexFunc(socks, func(s Socket) bool { return s.Local == local && s.Remote == remote })
	if i < 0 {
		return Socket{}, false
	}
	return socks[i], true
}

// readUntil calls read until ok accepts the sockets it returns or five
// seconds pass, and returns the last result. A socket table read while
// other processes open and close sockets can miss a row, so one reading is
// not trusted to show a socket.
func readUntil(t *testing.T, read func() ([]Socket, error), ok func([]Socket) bool) []Socket {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		socks, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if ok(socks) || time.Now().After(deadline) {
			return socks
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSelf(t *testing.T) {
	ln, client, server := pair(t)
	lnAddr, cAddr := addrOf(ln.Addr()), addrOf(client.LocalAddr())
	want := []Socket{
		{Net: "tcp", State: Listen, Local: lnAddr, Remote: netip.MustParseAddrPort("0.0.0.0:0")},
		{Net: "tcp", State: Established, Local: cAddr, Remote: lnAddr},
		{Net: "tcp", State: Established, Local: lnAddr, Remote: cAddr},
	}
	hasAll := func(socks []Socket) bool {
		for _, w := range want {
			s, ok := find(socks, w.Local, w.Remote)
			if !ok || s.State != w.State || s.Net != w.Net || s.Inode == 0 {
				return false
			}
		}
		return true
	}
	socks := readUntil(t, Self, hasAll)
	if !hasAll(socks) {
		t.Errorf("Self() lacks one of these, with an inode:\n%s\nSelf():\n%s", describe(want), describe(socks))
	}
	if !slices.IsSortedFunc(socks, Compare) {
		t.Errorf("Self() is not sorted:\n%s", describe(socks))
	}

	// The client hangs up: the server side goes to CLOSE_WAIT and stays
	// there, because nobody closes it; the client's orphan (FIN_WAIT2) has
	// no descriptor any more.
	client.Close()
	onServer := Only(func(s Socket) bool { return s.Local == lnAddr && s.Remote == cAddr })
	if got := WaitCount(t, CloseWait, 1, onServer, MaxWait(5*time.Second)); got != 1 {
		t.Fatalf("%d server sockets in CLOSE_WAIT, want 1", got)
	}
	socks, err := Self()
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := find(socks, cAddr, lnAddr); ok {
		t.Errorf("Self() still lists the closed client socket: %v", s)
	}
	server.Close()
	VerifyNoCloseWait(t, onServer, MaxWait(5*time.Second))
}

// TestAllTimeWait checks that the active closer's TIME_WAIT socket is in
// All (with inode 0) but not in Self, which it no longer belongs to.
func TestAllTimeWait(t *testing.T) {
	ln, client, server := pair(t)
	lnAddr, cAddr := addrOf(ln.Addr()), addrOf(client.LocalAddr())
	server.Close() // the server closes first: it will be in TIME_WAIT
	client.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(client); err != nil {
		t.Fatal(err)
	}
	client.Close()

	tw := Only(func(s Socket) bool { return s.Local == lnAddr && s.Remote == cAddr })
	if got := WaitCount(t, TimeWait, 1, AllSockets(), tw, MaxWait(5*time.Second)); got != 1 {
		t.Fatalf("%d TIME_WAIT sockets %v -> %v in All(), want 1", got, lnAddr, cAddr)
	}
	all := readUntil(t, All, func(socks []Socket) bool {
		_, ok := find(socks, lnAddr, cAddr)
		return ok
	})
	if s, ok := find(all, lnAddr, cAddr); !ok || s.Inode != 0 || s.State != TimeWait {
		t.Errorf("All() lists %+v (found: %v), want a TIME_WAIT socket with inode 0", s, ok)
	}
	self, err := Self()
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := find(self, lnAddr, cAddr); ok {
		t.Errorf("Self() lists %v, which no descriptor holds", s)
	}
}

func TestSocketsIPv6(t *testing.T) {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	defer ln.Close()
	lnAddr, any6 := addrOf(ln.Addr()), netip.MustParseAddrPort("[::]:0")
	socks := readUntil(t, Self, func(socks []Socket) bool {
		_, ok := find(socks, lnAddr, any6)
		return ok
	})
	s, ok := find(socks, lnAddr, any6)
	if !ok || s.Net != "tcp6" || s.State != Listen {
		t.Errorf("Self() has no tcp6 listener on %v:\n%s", ln.Addr(), describe(socks))
	}
}

func TestSocketsNoProcess(t *testing.T) {
	// Above the largest pid_max the kernel allows (2^22).
	const pid = 1 << 30
	_, err := Sockets(pid)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Sockets(%d): error %v, want fs.ErrNotExist", pid, err)
	}
	want := "sockstate: no process with pid 1073741824: open /proc/1073741824/fd: no such file or directory"
	if err.Error() != want {
		t.Errorf("error %q\nwant  %q", err, want)
	}
	if _, err := Sockets(0); err == nil {
		t.Error("Sockets(0): no error")
	}
}
