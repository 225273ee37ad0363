package sockcmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/closewait/closewait/sockstate"
)

// run calls Main and returns its exit code, stdout and stderr.
func run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// requireLinux skips the test where sockets cannot be read.
func requireLinux(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("reading sockets is implemented on Linux only")
	}
}

// leak opens a loopback listener and a connection to it, hangs up the
// client side and leaves the server side open: it goes to CLOSE_WAIT. It
// returns the listener's address and the client's.
func leak(t *testing.T) (server, client netip.AddrPort) {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	c, err := net.DialTimeout("tcp4", ln.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	server = ln.Addr().(*net.TCPAddr).AddrPort()
	client = c.LocalAddr().(*net.TCPAddr).AddrPort()
	c.Close()
	onServer := sockstate.Only(func(s sockstate.Socket) bool { return s.Local == server && s.Remote == client })
	if got := sockstate.WaitCount(t, sockstate.CloseWait, 1, onServer, sockstate.MaxWait(5*time.Second)); got != 1 {
		t.Fatalf("%d server sockets in CLOSE_WAIT, want 1", got)
	}
	return server, client
}

// eventually runs check until it returns "" or five seconds pass, then
// reports its last complaint. A socket table read while other processes
// open and close sockets can miss a row, so one listing is not trusted to
// show a socket.
func eventually(t *testing.T, check func() string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Error(msg)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestTable(t *testing.T) {
	requireLinux(t)
	server, client := leak(t)
	self := strconv.Itoa(os.Getpid())
	want := []string{
		"CLOSE_WAIT " + server.String() + " " + client.String(),
		"LISTEN " + server.String() + " 0.0.0.0:0",
	}
	eventually(t, func() string {
		code, out, errOut := run("-pid", self)
		if code != ExitOK || errOut != "" {
			return fmt.Sprintf("exit %d, stderr %q", code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if f := strings.Fields(lines[0]); strings.Join(f, " ") != "STATE LOCAL REMOTE INODE" {
			return fmt.Sprintf("header %q", lines[0])
		}
		var rows []string
		for _, l := range lines[1:] {
			f := strings.Fields(l)
			if len(f) != 4 {
				return fmt.Sprintf("row %q: %d columns, want 4", l, len(f))
			}
			if f[1] == server.String() {
				rows = append(rows, strings.Join(f[:3], " "))
			}
		}
		if strings.Join(rows, "\n") != strings.Join(want, "\n") {
			return fmt.Sprintf("rows for %v:\n%s\nwant\n%s\nfull output:\n%s", server, strings.Join(rows, "\n"), strings.Join(want, "\n"), out)
		}
		return ""
	})

	// -state keeps only the states asked for.
	eventually(t, func() string {
		_, out, _ := run("-pid", self, "-state", "close-wait")
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			if !strings.HasPrefix(l, "CLOSE_WAIT ") {
				return fmt.Sprintf("-state close-wait printed %q", l)
			}
		}
		if !strings.Contains(out, client.String()) {
			return fmt.Sprintf("-state close-wait does not list %v:\n%s", client, out)
		}
		return ""
	})
}

func TestJSON(t *testing.T) {
	requireLinux(t)
	server, client := leak(t)
	eventually(t, func() string {
		code, out, errOut := run("-json", "-pid", strconv.Itoa(os.Getpid()), "-state", "CLOSE_WAIT,LISTEN", "-state", "LISTEN")
		if code != ExitOK || errOut != "" {
			return fmt.Sprintf("exit %d, stderr %q", code, errOut)
		}
		var socks []sockstate.Socket
		if err := json.Unmarshal([]byte(out), &socks); err != nil {
			return fmt.Sprintf("output is not a JSON array of sockets: %v\n%s", err, out)
		}
		if !slices.IsSortedFunc(socks, sockstate.Compare) {
			return fmt.Sprintf("sockets not sorted:\n%s", out)
		}
		var found int
		for _, s := range socks {
			if s.State != sockstate.CloseWait && s.State != sockstate.Listen {
				return fmt.Sprintf("socket in %v listed with -state CLOSE_WAIT,LISTEN", s.State)
			}
			if s.Local == server && s.Inode != 0 && s.Net == "tcp" &&
				(s.State == sockstate.Listen || s.State == sockstate.CloseWait && s.Remote == client) {
				found++
			}
		}
		if found != 2 {
			return fmt.Sprintf("found %d of the 2 sockets on %v:\n%s", found, server, out)
		}
		if !strings.Contains(out, `"state": "CLOSE_WAIT"`) || !strings.Contains(out, `"local": "`+server.String()+`"`) {
			return fmt.Sprintf("JSON does not spell states and addresses as text:\n%s", out)
		}
		return ""
	})
}

// TestAll lists the namespace's sockets: without -pid, the TIME_WAIT socket
// of a connection the server closed first is listed too.
func TestAll(t *testing.T) {
	requireLinux(t)
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.DialTimeout("tcp4", ln.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	io.Copy(io.Discard, c)
	c.Close()
	row := "TIME_WAIT " + ln.Addr().String() + " " + c.LocalAddr().String() + " 0"
	eventually(t, func() string {
		code, out, errOut := run("-state", "TIME_WAIT")
		if code != ExitOK {
			return fmt.Sprintf("exit %d, stderr %q", code, errOut)
		}
		if !containsRow(out, row) {
			return fmt.Sprintf("no row %q in\n%s", row, out)
		}
		return ""
	})
}

// containsRow reports whether the table out has a row whose fields are
// those of row.
func containsRow(out, row string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.Join(strings.Fields(l), " ") == row {
			return true
		}
	}
	return false
}

func TestEmptyJSON(t *testing.T) {
	requireLinux(t)
	// A state no socket of this process is in.
	code, out, _ := run("-json", "-pid", strconv.Itoa(os.Getpid()), "-state", "SYN_SENT")
	if code != ExitOK || out != "[]\n" {
		t.Errorf("exit %d, output %q; want 0, %q", code, out, "[]\n")
	}
}

func TestWriteTable(t *testing.T) {
	socks := []sockstate.Socket{
		{Net: "tcp", State: sockstate.Established, Local: netip.MustParseAddrPort("127.0.0.1:8080"), Remote: netip.MustParseAddrPort("127.0.0.1:50000"), Inode: 12},
		{Net: "tcp6", State: sockstate.CloseWait, Local: netip.MustParseAddrPort("[::1]:443"), Remote: netip.MustParseAddrPort("[::1]:50001"), Inode: 123456},
		{Net: "tcp", State: sockstate.TimeWait, Local: netip.MustParseAddrPort("10.0.0.1:22"), Remote: netip.MustParseAddrPort("10.0.0.2:60000")},
	}
	var b bytes.Buffer
	if err := writeTable(&b, socks); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"STATE        LOCAL           REMOTE           INODE\n" +
		"ESTABLISHED  127.0.0.1:8080  127.0.0.1:50000  12\n" +
		"CLOSE_WAIT   [::1]:443       [::1]:50001      123456\n" +
		"TIME_WAIT    10.0.0.1:22     10.0.0.2:60000   0\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant\n%s", b.String(), want)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-state", "WAITING"}, ExitUsage, `invalid value "WAITING" for flag -state: unknown TCP state "WAITING"`},
		{[]string{"-state", "LISTEN,"}, ExitUsage, `unknown TCP state ""`},
		{[]string{"-pid", "x"}, ExitUsage, `invalid value "x" for flag -pid`},
		{[]string{"-pid", "-3"}, ExitUsage, "closewait sockets: invalid -pid -3"},
		{[]string{"extra"}, ExitUsage, `closewait sockets: unexpected argument "extra"`},
		{[]string{"-bogus"}, ExitUsage, "flag provided but not defined: -bogus"},
		{[]string{"-h"}, ExitOK, "usage: closewait sockets [-pid N]"},
	}
	for _, tt := range tests {
		code, out, errOut := run(tt.args...)
		if code != tt.code || out != "" || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit %d and %q", tt.args, code, out, errOut, tt.code, tt.msg)
		}
	}
}

func TestReadError(t *testing.T) {
	const pid = "1073741824" // above any pid_max
	code, out, errOut := run("-pid", pid)
	if code != ExitError || out != "" || !strings.HasPrefix(errOut, "closewait sockets: sockstate: ") {
		t.Errorf("-pid %s: exit %d, stdout %q, stderr %q; want exit 1 and a sockstate error", pid, code, out, errOut)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWriteError(t *testing.T) {
	requireLinux(t)
	var errOut bytes.Buffer
	if code := Main([]string{"-pid", strconv.Itoa(os.Getpid())}, failWriter{}, &errOut); code != ExitError {
		t.Errorf("exit %d writing to a closed pipe, want %d (stderr %q)", code, ExitError, errOut.String())
	}
	if !strings.Contains(errOut.String(), "io: read/write on closed pipe") {
		t.Errorf("stderr %q does not name the write error", errOut.String())
	}
}
