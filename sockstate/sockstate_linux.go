//go:build linux

package sockstate

import (
	"os"
)

// procRoot is the mount point of procfs.
const procRoot = "/proc"

// Sockets returns the TCP sockets (IPv4 and IPv6) that process pid holds
// open, sorted by [Compare]. A socket is held when one of the process's
// file descriptors refers to it; TIME_WAIT sockets and others the kernel
// keeps after the last close have no descriptor and are not listed (see
// [All]). Listing another user's process needs the privileges to read its
// /proc/<pid>/fd.
//
// On systems other than Linux, Sockets returns an error for which
// errors.Is(err, errors.ErrUnsupported) holds.
func Sockets(pid int) ([]Socket, error) {
	return procSockets(os.DirFS(procRoot), pid)
}

// All returns every TCP socket (IPv4 and IPv6) of the calling process's
// network namespace, whoever holds it, including TIME_WAIT sockets and
// other sockets no process holds any more; sorted by [Compare].
//
// On systems other than Linux, All returns an error for which
// errors.Is(err, errors.ErrUnsupported) holds.
func All() ([]Socket, error) {
	return namespaceSockets(os.Getpid())
}

// namespaceSockets returns every TCP socket of pid's network namespace.
func namespaceSockets(pid int) ([]Socket, error) {
	return procAll(os.DirFS(procRoot), pid)
}
