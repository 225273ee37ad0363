package knowledge

import (
	"strings"
	"testing"
)

// TestMayNotReturn checks the prefilter of NoReturn: every function the
// tables say never returns has its short name in it, and a source does
// not.
func TestMayNotReturn(t *testing.T) {
	for name, f := range funcs {
		if f.NoReturn && !MayNotReturn(name[strings.LastIndex(name, ".")+1:]) {
			t.Errorf("%s never returns, but its short name is not in noReturnNames", name)
		}
	}
	for _, name := range []string{"Exit", "Fatalf", "Goexit", "SkipNow"} {
		if !MayNotReturn(name) {
			t.Errorf("MayNotReturn(%q) = false", name)
		}
	}
	if MayNotReturn("Dial") {
		t.Error("MayNotReturn(Dial) = true")
	}
}

// TestSchema checks that every entry is well formed: a NoReturn entry
// says nothing else, AllArgs goes only with Borrow, and operand indices
// are small.
func TestSchema(t *testing.T) {
	for name, f := range funcs {
		if f.NoReturn && (f.Returns != NoResource || len(f.Ops) > 0) {
			t.Errorf("%s: a call that never returns has no results or operand roles", name)
		}
		if !f.NoReturn && f.Returns == NoResource && len(f.Ops) == 0 {
			t.Errorf("%s: the entry says nothing", name)
		}
		for _, op := range f.Ops {
			if op.Role == NoRole || op.Arg < AllArgs || op.Arg > 3 {
				t.Errorf("%s: malformed op %+v", name, op)
			}
			if op.Arg == AllArgs && op.Role != Borrow {
				t.Errorf("%s: AllArgs with role %d", name, op.Role)
			}
		}
	}
}

func TestLookups(t *testing.T) {
	if f, ok := LookupFunc("net.Dial"); !ok || f.Returns != Conn {
		t.Errorf("LookupFunc(net.Dial) = %+v, %v", f, ok)
	}
	if f, _ := LookupFunc("(*net/http.Client).Do"); f.Returns != Body || f.OpRole(1) != Borrow {
		t.Errorf("Client.Do = %+v", f)
	}
	if f, _ := LookupFunc("io.Copy"); f.OpRole(0) != Borrow || f.OpRole(1) != Drain {
		t.Errorf("io.Copy = %+v", f)
	}
	if _, ok := LookupFunc("net.Pipe"); ok {
		t.Error("net.Pipe is not a socket source")
	}
	if r, ok := ConnMethod("Close"); !ok || r != Close {
		t.Errorf("ConnMethod(Close) = %v, %v", r, ok)
	}
	if !AcceptsServerConn("(net.Listener).Accept") || AcceptsServerConn("net.Dial") {
		t.Error("AcceptsServerConn")
	}
	if !DupsSocketFile("net.FileConn") || !IsConnPackage("crypto/tls") || IsConnPackage("io") {
		t.Error("DupsSocketFile or IsConnPackage")
	}
}

// TestModuleTable checks that the module table names only the modules it
// documents, so that it can never shadow a standard library entry, and
// that its sources and kinds are as documented.
func TestModuleTable(t *testing.T) {
	mods := []string{gorilla, coder, nhooyr, xssh, kcp, quic, fstrm}
	for name := range moduleFuncs() {
		ok := false
		for _, m := range mods {
			ok = ok || strings.HasPrefix(strings.TrimPrefix(strings.TrimPrefix(name, "("), "*"), m+".")
		}
		if !ok {
			t.Errorf("module table entry %q names no listed module", name)
		}
	}
	for _, src := range []string{"(*github.com/gorilla/websocket.Dialer).Dial", "golang.org/x/crypto/ssh.Dial", "github.com/quic-go/quic-go.DialAddr"} {
		if f, ok := LookupFunc(src); !ok || f.Returns != Conn {
			t.Errorf("LookupFunc(%s) = %+v, %v; want a conn source", src, f, ok)
		}
	}
	if f, _ := LookupFunc("golang.org/x/crypto/ssh.NewClientConn"); f.OpRole(0) != Take || f.Returns != Conn {
		t.Errorf("ssh.NewClientConn = %+v; want a source that takes its net.Conn", f)
	}
	for _, f := range []string{"github.com/hashicorp/yamux.Client", "github.com/xtaci/smux.Client"} {
		if _, ok := LookupFunc(f); ok {
			t.Errorf("%s: mux sessions close themselves (failed reads, keepalive): no entry", f)
		}
	}
	if s, ok := TypeSocket(kcp, "UDPSession"); !ok || s != PacketSocket {
		t.Errorf("TypeSocket(kcp.UDPSession) = %v, %v; want a packet socket", s, ok)
	}
	if s, ok := TypeSocket(quic, "Listener"); !ok || s != ListenerSocket {
		t.Errorf("TypeSocket(quic.Listener) = %v, %v; want a listener", s, ok)
	}
}
