package knowledge

// This file describes the conn wrappers of the most used third-party
// modules: websocket conns, ssh clients, KCP and
// QUIC sessions. When closewait analyses such a module (go vet and the
// standalone driver do, for every dependency), the facts it learns from
// the module's code say the same or more; the table is the fallback when
// the facts say too little (a constructor too tangled to summarise: the
// conn goes through a goroutine before it is returned) and the authority
// on the roles the code cannot show (ReadMessage returns the read's
// error; a session's Close closes the conn it took).
//
// Each entry is checked against the module's own code, at the version
// the corpus pins (eval/corpus/go.mod), for what the library does on the
// path the check cares about:
//
//   - gorilla/websocket: the Conn never closes its net.Conn by itself; a
//     failed ReadMessage leaves it in CLOSE_WAIT until Close.
//   - coder/websocket (nhooyr.io/websocket before): the Conn closes
//     itself when a close frame arrives, and a finalizer closes it at
//     the latest; a read hands the conn over (what follows it is not
//     checked), so that a conn is reported only when it is never read
//     and never closed on a path.
//   - x/crypto/ssh: NewClientConn closes its net.Conn when the handshake
//     fails, and the mux closes the transport when its read loop ends:
//     a client is reported only when it is never closed.
//   - hashicorp/yamux and xtaci/smux are not listed: a yamux session
//     closes itself when its reads fail, a smux session when its
//     keepalive times out (on by default), so neither a failed read nor
//     a dropped session is sure to hold a conn.
//   - xtaci/kcp-go and quic-go: a dialled session owns a UDP socket of
//     its own (a packet socket: no CLOSE_WAIT, an fd and a port held).

// moduleTypes gives the socket kind of the module types that hold one
// whose type does not say it: a KCP session is a net.Conn over UDP, a
// QUIC conn no net.Conn at all.
var moduleTypes = map[string]Socket{
	kcp + ".UDPSession":       PacketSocket,
	kcp + ".Listener":         ListenerSocket,
	quic + ".Conn":            PacketSocket,
	quic + ".Connection":      PacketSocket,
	quic + ".EarlyConnection": PacketSocket,
	quic + ".Listener":        ListenerSocket,
	quic + ".EarlyListener":   ListenerSocket,
}

// withModules returns std with the entries of the module table added.
func withModules(std map[string]Func) map[string]Func {
	for name, f := range moduleFuncs() {
		std[name] = f
	}
	return std
}

const (
	gorilla = "github.com/gorilla/websocket"
	coder   = "github.com/coder/websocket"
	nhooyr  = "nhooyr.io/websocket"
	xssh    = "golang.org/x/crypto/ssh"
	kcp     = "github.com/xtaci/kcp-go/v5"
	quic    = "github.com/quic-go/quic-go"
	fstrm   = "github.com/farsightsec/golang-framestream"
)

// moduleFuncs builds the module table.
func moduleFuncs() map[string]Func {
	m := map[string]Func{
		"(*" + gorilla + ".Dialer).Dial":         returnsConn,
		"(*" + gorilla + ".Dialer).DialContext":  returnsConn,
		"(*" + gorilla + ".Upgrader).Upgrade":    returnsConn,
		gorilla + ".Upgrade":                     returnsConn,
		gorilla + ".NewClient":                   on(Wrap),
		"(*" + gorilla + ".Conn).NetConn":        on(Wrap),
		"(*" + gorilla + ".Conn).UnderlyingConn": on(Wrap),

		coder + ".Dial":    returnsConn,
		coder + ".Accept":  returnsConn,
		nhooyr + ".Dial":   returnsConn,
		nhooyr + ".Accept": returnsConn,

		// Dial owns the TCP conn it makes; NewClientConn takes c (and
		// closes it when the handshake fails), returning a conn of its
		// own; NewClient wraps that conn.
		xssh + ".Dial":          returnsConn,
		xssh + ".NewClientConn": {Returns: Conn, Ops: []Op{{Take, 0}}},
		xssh + ".NewClient":     on(Wrap),

		kcp + ".Dial":              returnsConn,
		kcp + ".DialWithOptions":   returnsConn,
		kcp + ".Listen":            returnsConn,
		kcp + ".ListenWithOptions": returnsConn,

		// golang-framestream's encoders and writers use the conn they
		// are given, and their Close only writes the STOP frame (and
		// waits for FINISH): it never closes the conn (v0.3.0).
		fstrm + ".NewEncoder": on(View),
		fstrm + ".NewWriter":  on(View),
		fstrm + ".NewDecoder": on(View),
		fstrm + ".NewReader":  on(View),

		quic + ".DialAddr":        returnsConn,
		quic + ".DialAddrEarly":   returnsConn,
		quic + ".ListenAddr":      returnsConn,
		quic + ".ListenAddrEarly": returnsConn,
	}
	add := func(recv string, role Role, names ...string) {
		for _, name := range names {
			m["("+recv+")."+name] = on(role)
		}
	}
	add("*"+gorilla+".Conn", Read, "ReadMessage", "NextReader", "ReadJSON")
	add("*"+gorilla+".Conn", Deadline, "SetReadDeadline")
	add("*"+gorilla+".Conn", Borrow, "WriteMessage", "WriteJSON", "WriteControl", "NextWriter",
		"WritePreparedMessage", "SetWriteDeadline", "SetReadLimit", "SetPingHandler", "SetPongHandler",
		"SetCloseHandler", "PingHandler", "PongHandler", "CloseHandler", "Subprotocol", "LocalAddr",
		"RemoteAddr", "EnableWriteCompression", "SetCompressionLevel")
	for _, pkg := range []string{coder, nhooyr} {
		add("*"+pkg+".Conn", Close, "Close", "CloseNow")
		// A failed read may have closed the conn (a close frame, the
		// context's end): what follows a read is not checked.
		add("*"+pkg+".Conn", Take, "Read", "Reader")
		add("*"+pkg+".Conn", Borrow, "Write", "Writer", "Ping", "Subprotocol", "SetReadLimit")
	}
	add("*"+xssh+".Client", Borrow, "NewSession", "Dial", "DialContext", "DialTCP", "Listen", "ListenTCP",
		"ListenUnix", "HandleChannelOpen")
	add(xssh+".Conn", Borrow, "Wait", "SendRequest", "OpenChannel", "User", "SessionID", "ClientVersion",
		"ServerVersion", "RemoteAddr", "LocalAddr")
	add("*"+kcp+".UDPSession", Borrow, "Write", "WriteBuffers", "SetWriteDeadline", "SetNoDelay",
		"SetWindowSize", "SetMtu", "SetStreamMode", "SetACKNoDelay", "SetDSCP", "SetReadBuffer",
		"SetWriteBuffer", "LocalAddr", "RemoteAddr", "GetConv")
	add("*"+kcp+".UDPSession", Deadline, "SetReadDeadline", "SetDeadline")
	add("*"+kcp+".Listener", Borrow, "Accept", "AcceptKCP", "Addr", "SetReadBuffer", "SetWriteBuffer",
		"SetDSCP", "SetDeadline", "SetReadDeadline", "SetWriteDeadline")
	// quic-go: *Conn since v0.53, the Connection interface before.
	for _, recv := range []string{"*" + quic + ".Conn", quic + ".Connection", quic + ".EarlyConnection"} {
		add(recv, Close, "CloseWithError")
		add(recv, Borrow, "AcceptStream", "AcceptUniStream", "OpenStream", "OpenStreamSync", "OpenUniStream",
			"OpenUniStreamSync", "LocalAddr", "RemoteAddr", "Context", "ConnectionState", "SendDatagram",
			"ReceiveDatagram", "HandshakeComplete")
	}
	add("*"+quic+".Listener", Borrow, "Accept", "Addr")
	add("*"+quic+".EarlyListener", Borrow, "Accept", "Addr")
	return m
}
