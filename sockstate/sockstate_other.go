//go:build !linux

package sockstate

import (
	"errors"
	"fmt"
	"runtime"
)

// Sockets returns the TCP sockets (IPv4 and IPv6) that process pid holds
// open. It is implemented on Linux only; here it returns an error for which
// errors.Is(err, errors.ErrUnsupported) holds.
func Sockets(pid int) ([]Socket, error) {
	return nil, unsupported()
}

// All returns every TCP socket of the calling process's network namespace.
// It is implemented on Linux only; here it returns an error for which
// errors.Is(err, errors.ErrUnsupported) holds.
func All() ([]Socket, error) {
	return nil, unsupported()
}

// namespaceSockets returns every TCP socket of pid's network namespace.
func namespaceSockets(pid int) ([]Socket, error) {
	return nil, unsupported()
}

// unsupported returns the error of Sockets and All on this system.
func unsupported() error {
	return fmt.Errorf("sockstate: reading TCP sockets from /proc is not supported on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
