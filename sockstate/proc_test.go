package sockstate

import (
	"errors"
	"io/fs"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// fakeProc returns a /proc with process 42 holding the descriptors links
// (fd number -> link target) and the socket tables tcp and tcp6 (tcp6
// absent when "").
func fakeProc(links map[string]string, tcp, tcp6 string) fstest.MapFS {
	fsys := fstest.MapFS{
		"42/fd":      &fstest.MapFile{Mode: fs.ModeDir | 0o500},
		"42/net/tcp": &fstest.MapFile{Data: []byte(tcp)},
	}
	if tcp6 != "" {
		fsys["42/net/tcp6"] = &fstest.MapFile{Data: []byte(tcp6)}
	}
	for fd, target := range links {
		fsys["42/fd/"+fd] = &fstest.MapFile{Mode: fs.ModeSymlink | 0o700, Data: []byte(target)}
	}
	return fsys
}

// table formats socks as a socket table with its header.
func table(socks ...Socket) string {
	var b strings.Builder
	b.WriteString("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n")
	for i, s := range socks {
		b.WriteString(formatRow(i, s))
	}
	return b.String()
}

func TestProcSockets(t *testing.T) {
	if binary := netip.MustParseAddr("127.0.0.1"); hexAddr(binary) != "0100007F" {
		t.Fatal("formatRow does not write little-endian words")
	}
	listen := Socket{Net: "tcp", State: Listen, Local: ap("127.0.0.1:8080"), Remote: ap("0.0.0.0:0"), Inode: 100}
	stuck := Socket{Net: "tcp", State: CloseWait, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50000"), Inode: 101, RxQueue: 1}
	other := Socket{Net: "tcp", State: Established, Local: ap("127.0.0.1:9090"), Remote: ap("127.0.0.1:50001"), Inode: 200}
	tw := Socket{Net: "tcp", State: TimeWait, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:49999")}
	v6 := Socket{Net: "tcp6", State: Established, Local: ap("[::1]:8443"), Remote: ap("[::1]:50002"), Inode: 102}
	links := map[string]string{
		"0": "/dev/null",
		"1": "pipe:[7]",
		"3": "socket:[100]",
		"4": "socket:[101]",
		"5": "socket:[102]",
		"6": "socket:[999]", // a UDP or Unix socket: in no TCP table
		"7": "anon_inode:[eventpoll]",
	}
	// Rows deliberately out of order: the result is sorted.
	fsys := fakeProc(links, table(other, stuck, tw, listen), table(v6))

	got, err := procSockets(fsys, 42)
	if err != nil {
		t.Fatal(err)
	}
	want := []Socket{v6, stuck, listen} // ESTABLISHED < CLOSE_WAIT < LISTEN
	if !slices.Equal(got, want) {
		t.Errorf("procSockets =\n%s\nwant\n%s", describe(got), describe(want))
	}

	all, err := procAll(fsys, 42)
	if err != nil {
		t.Fatal(err)
	}
	wantAll := []Socket{other, v6, tw, stuck, listen} // IPv4 before IPv6
	if !slices.Equal(all, wantAll) {
		t.Errorf("procAll =\n%s\nwant\n%s", describe(all), describe(wantAll))
	}
}

func TestProcSocketsNoIPv6(t *testing.T) {
	s := Socket{Net: "tcp", State: Established, Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.1:2"), Inode: 5}
	got, err := procSockets(fakeProc(map[string]string{"3": "socket:[5]"}, table(s), ""), 42)
	if err != nil || !slices.Equal(got, []Socket{s}) {
		t.Errorf("procSockets without tcp6 = %v, %v; want [%v]", got, err, s)
	}
}

func TestProcSocketsErrors(t *testing.T) {
	fsys := fakeProc(map[string]string{"3": "socket:[5]"}, table()+"0: garbage\n", "")
	tests := []struct {
		pid  int
		fsys fs.FS
		want string
		is   error
	}{
		{0, fsys, "sockstate: invalid pid 0", nil},
		{-1, fsys, "sockstate: invalid pid -1", nil},
		{7, fsys, "sockstate: no process with pid 7: open /proc/7/fd: file does not exist", fs.ErrNotExist},
		{42, fsys, "sockstate: /proc/42/net/tcp: line 2: 2 fields, want at least 10 (truncated line?)", nil},
		{42, fstest.MapFS{"42/fd/3": &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("socket:[5]")}}, "sockstate: open /proc/42/net/tcp: file does not exist", fs.ErrNotExist},
	}
	for _, tt := range tests {
		_, err := procSockets(tt.fsys, tt.pid)
		if err == nil || err.Error() != tt.want {
			t.Errorf("procSockets(%d): error %v, want %s", tt.pid, err, tt.want)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("procSockets(%d): error %v is not %v", tt.pid, err, tt.is)
		}
	}
}

func TestSocketInode(t *testing.T) {
	tests := []struct {
		target string
		ino    uint64
		ok     bool
	}{
		{"socket:[5718]", 5718, true},
		{"socket:[0]", 0, true},
		{"socket:[18446744073709551615]", 1<<64 - 1, true},
		{"socket:[18446744073709551616]", 0, false},
		{"socket:[]", 0, false},
		{"socket:[12", 0, false},
		{"socket:12]", 0, false},
		{"socket:[-1]", 0, false},
		{"pipe:[5718]", 0, false},
		{"/dev/null", 0, false},
		{"anon_inode:[eventpoll]", 0, false},
	}
	for _, tt := range tests {
		ino, ok := socketInode(tt.target)
		if ino != tt.ino || ok != tt.ok {
			t.Errorf("socketInode(%q) = %d, %v; want %d, %v", tt.target, ino, ok, tt.ino, tt.ok)
		}
	}
}

func TestCompare(t *testing.T) {
	a := Socket{Net: "tcp", State: Established, Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.1:2"), Inode: 1}
	variants := []Socket{
		{Net: "tcp", State: CloseWait, Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.1:2"), Inode: 1},
		{Net: "tcp", State: Established, Local: ap("127.0.0.1:3"), Remote: ap("127.0.0.1:2"), Inode: 1},
		{Net: "tcp", State: Established, Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.2:2"), Inode: 1},
		{Net: "tcp", State: Established, Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.1:2"), Inode: 2},
		{Net: "tcp6", State: Established, Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.1:2"), Inode: 1},
	}
	if Compare(a, a) != 0 {
		t.Error("Compare(a, a) != 0")
	}
	for _, b := range variants {
		if Compare(a, b) != -1 || Compare(b, a) != 1 {
			t.Errorf("Compare(%+v, %+v) = %d, want -1", a, b, Compare(a, b))
		}
	}
}

// TestProcDedupe checks that a socket listed twice, as a table read while
// sockets come and go can show it, is reported once, in its last state.
func TestProcDedupe(t *testing.T) {
	est := Socket{Net: "tcp", State: Established, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50000"), Inode: 7}
	cw := est
	cw.State = CloseWait
	tw := Socket{Net: "tcp", State: TimeWait, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50001")}
	fin := tw
	fin.State = FinWait2
	other := Socket{Net: "tcp", State: TimeWait, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50002")}
	fsys := fakeProc(map[string]string{"3": "socket:[7]"}, table(est, fin, other, cw, tw, other), "")
	all, err := procAll(fsys, 42)
	if err != nil {
		t.Fatal(err)
	}
	want := []Socket{tw, other, cw}
	if !slices.Equal(all, want) {
		t.Errorf("procAll =\n%s\nwant\n%s", describe(all), describe(want))
	}
	own, err := procSockets(fsys, 42)
	if err != nil || !slices.Equal(own, []Socket{cw}) {
		t.Errorf("procSockets = %v, %v; want [%v]", own, err, cw)
	}
}
