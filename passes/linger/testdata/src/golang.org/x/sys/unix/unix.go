// Package unix is a stand-in for golang.org/x/sys/unix with the one
// function the linger tests need (the real module is not in GOPATH mode).
package unix

// Linger mirrors unix.Linger.
type Linger struct {
	Onoff  int32
	Linger int32
}

// SetsockoptLinger mirrors unix.SetsockoptLinger.
func SetsockoptLinger(fd, level, opt int, l *Linger) error { return nil }

// Constants used by callers.
const (
	SOL_SOCKET = 0x1
	SO_LINGER  = 0xd
)
