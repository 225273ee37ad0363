package knowledge

// The import paths of the packages whose types and functions the checks
// look for by name.
const (
	Net      = "net"
	HTTP     = "net/http"
	HTTP2    = "golang.org/x/net/http2"
	HTTPTest = "net/http/httptest"
	OS       = "os"
	IO       = "io"
	Time     = "time"
	Syscall  = "syscall"
	Unix     = "golang.org/x/sys/unix"
)

// Names of the types, functions and methods the checks look for.
const (
	ConnType     = "Conn"     // net.Conn
	ListenerType = "Listener" // net.Listener
	ResponseType = "Response" // net/http.Response
	FileType     = "File"     // os.File

	// NewFile is os.NewFile, which wraps an fd (often a socket) in a
	// fresh *os.File.
	NewFile = "os.NewFile"
	// SetLinger is the std method that sets SO_LINGER on a TCP conn.
	SetLinger = "(*net.TCPConn).SetLinger"
	// SetsockoptLinger is the raw syscall that sets SO_LINGER, in the
	// packages IsSockoptPackage accepts.
	SetsockoptLinger = "SetsockoptLinger"
	// SetKeepAlive and SetKeepAliveConfig turn TCP keep-alive on or off.
	SetKeepAlive       = "(*net.TCPConn).SetKeepAlive"
	SetKeepAliveConfig = "(*net.TCPConn).SetKeepAliveConfig"
	// Pipe is net.Pipe, whose two ends are in-memory conns, no sockets.
	Pipe = "net.Pipe"
)

// IsSockoptPackage reports whether path is a package that defines the raw
// socket-option calls (SetsockoptLinger).
func IsSockoptPackage(path string) bool { return path == Syscall || path == Unix }

// HasKeepAliveField reports whether the type with the qualified name
// qualified ("net.Dialer") has a KeepAlive duration field whose negative
// value turns TCP keep-alive off.
func HasKeepAliveField(qualified string) bool {
	return qualified == "net.Dialer" || qualified == "net.ListenConfig"
}

// PacketConnType is net.PacketConn.
const PacketConnType = "PacketConn"

// MakesError reports whether the function with the given qualified name
// always returns a non-nil error (errors.New, fmt.Errorf).
func MakesError(fullName string) bool {
	return fullName == "errors.New" || fullName == "fmt.Errorf"
}
