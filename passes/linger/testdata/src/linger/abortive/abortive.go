// Package abortive tests linger: SetLinger(0) and SO_LINGER 0 are
// reported; the default, positive values and graceful closes are not.
package abortive

import (
	"context"
	"fmt"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

func rejectWithReset(c *net.TCPConn) {
	fmt.Fprintf(c, "ERR busy\n")
	c.SetLinger(0) // want `SetLinger\(0\) makes Close abortive: the kernel discards unsent data and sends RST`
	c.Close()
}

func assertThenLinger(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // want `SetLinger\(0\) makes Close abortive`
	}
	c.Close()
}

func viaLocal(c *net.TCPConn) {
	secs := 0
	c.SetLinger(secs) // want `SetLinger\(0\) makes Close abortive`
}

func viaBranches(c *net.TCPConn, fast bool) {
	var secs int
	if fast {
		secs = 0
	}
	c.SetLinger(secs) // want `SetLinger\(0\) makes Close abortive`
}

const noLinger = 0

func viaConst(c *net.TCPConn) {
	c.SetLinger(noLinger) // want `SetLinger\(0\) makes Close abortive`
}

type lingerer interface{ SetLinger(sec int) error }

func viaInterface(c net.Conn) {
	if l, ok := c.(lingerer); ok {
		l.SetLinger(0) // want `SetLinger\(0\) makes Close abortive`
	}
}

func viaMethodValue(c *net.TCPConn) {
	set := c.SetLinger
	set(0) // want `SetLinger\(0\) makes Close abortive`
}

func deferred(c *net.TCPConn) {
	defer c.Close()
	defer c.SetLinger(0) // want `SetLinger\(0\) makes Close abortive`
}

func syscallLinger(fd int) error {
	return syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: 1, Linger: 0}) // want `SO_LINGER with Onoff set and Linger 0 makes close abortive`
}

func syscallLingerUnset(fd int) error {
	l := syscall.Linger{Onoff: 1}
	return syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &l) // want `SO_LINGER with Onoff set and Linger 0`
}

func unixLinger(fd int) error {
	return unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1}) // want `SO_LINGER with Onoff set and Linger 0`
}

func dialerControl() *net.Dialer {
	return &net.Dialer{
		Control: func(network, address string, rc syscall.RawConn) error {
			return rc.Control(func(fd uintptr) {
				syscall.SetsockoptLinger(int(fd), syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: 1, Linger: 0}) // want `SO_LINGER with Onoff set and Linger 0`
			})
		},
	}
}

func listenConfigControl(ctx context.Context) (net.Listener, error) {
	lc := net.ListenConfig{
		Control: func(network, address string, rc syscall.RawConn) error {
			var err error
			rc.Control(func(fd uintptr) {
				l := &unix.Linger{Onoff: 1, Linger: 0}
				err = unix.SetsockoptLinger(int(fd), unix.SOL_SOCKET, unix.SO_LINGER, l) // want `SO_LINGER with Onoff set and Linger 0`
			})
			return err
		},
	}
	return lc.Listen(ctx, "tcp", "127.0.0.1:0")
}

// Negatives.

func defaultLinger(c *net.TCPConn) {
	c.SetLinger(-1) // ok: the default, a graceful close in the background
}

func positiveLinger(c *net.TCPConn) {
	c.SetLinger(5) // ok: only reported with -linger.positive
}

func unknownValue(c *net.TCPConn, secs int) {
	c.SetLinger(secs) // ok: not provably 0
}

func mixedBranches(c *net.TCPConn, fast bool) {
	secs := 10
	if fast {
		secs = 0
	}
	c.SetLinger(secs) // ok: 0 only on some paths
}

func lingerOff(fd int) error {
	return syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: 0, Linger: 0}) // ok: linger off is the default
}

func lingerTimeout(fd int) error {
	return syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: 1, Linger: 10}) // ok: a timeout, not a reset
}

func lingerFromArgs(fd int, l *syscall.Linger) error {
	return syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, l) // ok: unknown value
}

func lingerUnknownField(fd int, on int32) error {
	return syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: on}) // ok: Onoff unknown
}

type fakeConn struct{}

// SetLinger of another signature is not net's.
func (fakeConn) SetLinger(b bool) {}

func otherSetLinger(f fakeConn) {
	f.SetLinger(false) // ok: not a socket option
}

type myConn struct{ *net.TCPConn }

func (m myConn) SetLinger(sec int) error { return nil }

func userSetLinger(m myConn) {
	m.SetLinger(0) // ok: a user method that shadows net's, not known to reset
}

func gracefulClose(c *net.TCPConn) {
	c.CloseWrite() // ok: graceful
	c.Close()
}
