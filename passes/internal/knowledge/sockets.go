package knowledge

import "strings"

// Socket is what kind of socket a conn source returns, for the checks
// that apply to some kinds only and for the words of every message.
type Socket uint8

// The kinds of socket. The zero value is a stream conn of unknown
// family, worded and checked as TCP.
const (
	StreamSocket   Socket = iota // a TCP conn (or a stream conn of unknown family)
	UnixSocket                   // a unix stream conn
	PacketSocket                 // a UDP, IP or unixgram socket: no peer, no FIN, no CLOSE_WAIT
	ListenerSocket               // a listening socket: it holds a port and queues clients
)

// String names the kind, as fact expectations spell it.
func (s Socket) String() string {
	switch s {
	case StreamSocket:
		return "stream"
	case UnixSocket:
		return "unix"
	case PacketSocket:
		return "packet"
	case ListenerSocket:
		return "listener"
	}
	return "unknown"
}

// SourceSocket returns the kind of socket that the std source with the
// given qualified name returns, and whether its network operand (operand
// NetworkArg) decides it instead. ok is false for a function that is not
// a socket source of the tables.
func SourceSocket(fullName string) (s Socket, networkArg int, ok bool) {
	src, ok := socketSources[fullName]
	if !ok {
		return 0, -1, false
	}
	return src.socket, src.network, true
}

// IsListen reports whether the std source with the given qualified name
// listens (a listener, or a packet socket bound with ListenPacket and its
// kin) rather than dials or accepts: a socket a server makes once, not
// one a client makes again on every reconnect.
func IsListen(fullName string) bool { return socketSources[fullName].listen }

// NetworkSocket returns the kind of socket a dial or listen on the
// constant network name network makes ("udp4", "unix"), if the name is
// one of the std networks; listen reports a Listen call.
func NetworkSocket(network string, listen bool) (Socket, bool) {
	switch {
	case listen:
		return ListenerSocket, true
	case strings.HasPrefix(network, "udp"), strings.HasPrefix(network, "ip"), network == "unixgram":
		return PacketSocket, true
	case network == "unix", network == "unixpacket":
		return UnixSocket, true
	case strings.HasPrefix(network, "tcp"):
		return StreamSocket, true
	}
	return 0, false
}

// TypeSocket returns the kind of socket a value of the named type
// pkgPath.name holds (a pointer's element is named), if the type says.
func TypeSocket(pkgPath, name string) (Socket, bool) {
	if pkgPath != Net {
		s, ok := moduleTypes[pkgPath+"."+name]
		return s, ok
	}
	switch name {
	case "UDPConn", "IPConn", "PacketConn":
		return PacketSocket, true
	case "UnixConn":
		return UnixSocket, true
	case "TCPConn":
		return StreamSocket, true
	case "Listener", "TCPListener", "UnixListener":
		return ListenerSocket, true
	}
	return 0, false
}

// socketSource is what socketSources knows of one source.
type socketSource struct {
	socket  Socket
	network int  // the operand naming the network, or -1
	listen  bool // a listen call
}

// socketSources gives the socket kind of the std sources whose name or
// result type alone does not say it (net.Dial returns a net.Conn
// whatever the network), and of the listen calls.
var socketSources = map[string]socketSource{
	"net.Dial":                         {StreamSocket, 0, false},
	"net.DialTimeout":                  {StreamSocket, 0, false},
	"(*net.Dialer).Dial":               {StreamSocket, 1, false},
	"(*net.Dialer).DialContext":        {StreamSocket, 2, false},
	"net.DialUDP":                      {PacketSocket, -1, false},
	"net.DialIP":                       {PacketSocket, -1, false},
	"net.DialUnix":                     {UnixSocket, 0, false},
	"net.ListenPacket":                 {PacketSocket, -1, true},
	"net.ListenUDP":                    {PacketSocket, -1, true},
	"net.ListenUnixgram":               {PacketSocket, -1, true},
	"net.ListenIP":                     {PacketSocket, -1, true},
	"net.ListenMulticastUDP":           {PacketSocket, -1, true},
	"(*net.ListenConfig).ListenPacket": {PacketSocket, -1, true},
	"net.Listen":                       {ListenerSocket, -1, true},
	"net.ListenTCP":                    {ListenerSocket, -1, true},
	"net.ListenUnix":                   {ListenerSocket, -1, true},
	"(*net.ListenConfig).Listen":       {ListenerSocket, -1, true},
	"crypto/tls.Listen":                {ListenerSocket, -1, true},
	"crypto/tls.NewListener":           {ListenerSocket, -1, true},
	"(*net.UnixListener).Accept":       {UnixSocket, -1, false},
	"(*net.UnixListener).AcceptUnix":   {UnixSocket, -1, false},
}

// IsSourceName reports whether an interface method or a func-typed value
// called name is, by the name-and-type rule, a source of fresh conns
// (Dial*, Accept*) or listeners (Listen*) when its result type fits.
func IsSourceName(name string) (listen, ok bool) {
	for _, p := range [...]string{"Dial", "dial", "Accept", "accept"} {
		if strings.HasPrefix(name, p) {
			return false, true
		}
	}
	if strings.HasPrefix(name, "Listen") || strings.HasPrefix(name, "listen") {
		return true, true
	}
	return false, false
}
