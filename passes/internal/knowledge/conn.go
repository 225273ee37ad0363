package knowledge

// ConnMethod returns the role that a method named name plays on its
// receiver when the receiver is known to be a conn (or a wrapper of one)
// and the method has no fact and no entry in the function table.
func ConnMethod(name string) (Role, bool) {
	r, ok := connMethods[name]
	return r, ok
}

// IsConnPackage reports whether path is a standard package whose conn and
// wrapper types' methods ConnMethod describes; their other methods
// borrow the receiver.
func IsConnPackage(path string) bool { return connPkgs[path] }

// DupsSocketFile reports whether the function with the given qualified
// name takes an *os.File holding a socket and dups it, so that the file
// must still be closed by the caller.
func DupsSocketFile(fullName string) bool { return socketFileFuncs[fullName] }

// AcceptsServerConn reports whether the method with the given qualified
// name accepts a server-side TCP conn. A net.Listener may also be a unix
// listener; without more knowledge, it is taken as TCP.
func AcceptsServerConn(fullName string) bool { return acceptFuncs[fullName] }

// acceptFuncs are the std methods that accept a server-side TCP conn.
var acceptFuncs = map[string]bool{
	"(net.Listener).Accept":         true,
	"(*net.TCPListener).Accept":     true,
	"(*net.TCPListener).AcceptTCP":  true,
	"(*crypto/tls.listener).Accept": true,
}

var connMethods = map[string]Role{
	"Close":              Close,
	"Quit":               Close, // (*smtp.Client).Quit closes the conn
	"Read":               Read,
	"Write":              Borrow,
	"LocalAddr":          Borrow,
	"RemoteAddr":         Borrow,
	"SetDeadline":        Deadline,
	"SetReadDeadline":    Deadline,
	"SetWriteDeadline":   Borrow,
	"CloseRead":          Borrow, // a half-close releases nothing
	"CloseWrite":         Borrow,
	"SetLinger":          Borrow,
	"SetKeepAlive":       Borrow,
	"SetKeepAlivePeriod": Borrow,
	"SetKeepAliveConfig": Borrow,
	"SetNoDelay":         Borrow,
	"SetReadBuffer":      Borrow,
	"SetWriteBuffer":     Borrow,
	"SyscallConn":        Borrow,
	"File":               Borrow, // the dup is filedup's business
	"ConnectionState":    Borrow,
	"Handshake":          Borrow,
	"HandshakeContext":   Borrow,
	"VerifyHostname":     Borrow,
	"OCSPResponse":       Borrow,
	"WriteTo":            Borrow,
	"ReadFrom":           Borrow, // reads its argument, writes the conn
	"MultipathTCP":       Borrow,
	"ReadFromUDP":        Read,
	"ReadMsgUDP":         Read,
	"ReadFromUnix":       Read,
	"ReadMsgUnix":        Read,
	"ReadFromIP":         Read,
	"ReadMsgIP":          Read,
	// A listener's methods: accepting borrows it (the conn accepted is a
	// source of its own).
	"Accept":     Borrow,
	"AcceptTCP":  Borrow,
	"AcceptUnix": Borrow,
	"Addr":       Borrow,
	// A packet conn's writes.
	"WriteToUDP":          Borrow,
	"WriteMsgUDP":         Borrow,
	"WriteToUnix":         Borrow,
	"WriteMsgUnix":        Borrow,
	"WriteToIP":           Borrow,
	"WriteMsgIP":          Borrow,
	"WriteToUDPAddrPort":  Borrow,
	"ReadFromUDPAddrPort": Read,
	"SetUnlinkOnClose":    Borrow,
}

// connPkgs are the packages whose conn and wrapper types' methods are
// described by connMethods; their other methods borrow the receiver.
var connPkgs = map[string]bool{
	"net": true, "crypto/tls": true, "net/textproto": true, "os": true,
	"net/rpc": true, "net/smtp": true, "net/http/httputil": true,
}

// socketFileFuncs take an *os.File holding a socket and dup it: the file
// must still be closed by the caller.
var socketFileFuncs = map[string]bool{
	"net.FileConn":       true,
	"net.FileListener":   true,
	"net.FilePacketConn": true,
}
