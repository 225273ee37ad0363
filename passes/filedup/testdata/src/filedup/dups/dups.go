// Package dups tests filedup: File() dups of sockets and files handed to
// net.FileConn must be closed; closed, handed-off or returned ones are
// not reported.
package dups

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"syscall"
)

func quickAck(c *net.TCPConn) error {
	f, err := c.File() // want `the \*os.File f from c.File is a dup of the socket and is never closed`
	if err != nil {
		return err
	}
	return syscall.SetsockoptInt(int(f.Fd()), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1)
}

func unixDup(c *net.UnixConn) (uintptr, error) {
	f, err := c.File() // want `the \*os.File f from c.File is a dup of the socket and is never closed`
	if err != nil {
		return 0, err
	}
	return f.Fd(), nil
}

func listenerDup(ln *net.TCPListener) (string, error) {
	f, err := ln.File() // want `the \*os.File f from ln.File is a dup of the socket and is never closed`
	if err != nil {
		return "", err
	}
	return f.Name(), nil
}

func unixListenerDup(ln *net.UnixListener) error {
	f, err := ln.File() // want `from ln.File is a dup of the socket and is never closed`
	if err != nil {
		return err
	}
	_, err = f.Stat()
	return err
}

func assertedDup(c net.Conn) error {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return errors.New("not tcp")
	}
	f, err := tc.File() // want `from tc.File is a dup of the socket and is never closed`
	if err != nil {
		return err
	}
	_ = f.Fd()
	return c.Close() // the conn is closed, the dup is not
}

func dupErrorPath(c *net.TCPConn) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	if err := syscall.SetNonblock(int(f.Fd()), true); err != nil {
		return err // want `from c.File is a dup of the socket and is not closed on this path`
	}
	return f.Close()
}

func discardedDup(c *net.TCPConn) error {
	_, err := c.File() // want `the \*os.File from c.File is a dup of the socket and is never closed`
	return err
}

func fileConnInput(fd uintptr) (net.Conn, error) {
	f := os.NewFile(fd, "sock") // want `the \*os.File f handed to net.FileConn/FileListener is dup'ed by it and is never closed`
	return net.FileConn(f)
}

func fileListenerInput(fd uintptr) (net.Listener, error) {
	f := os.NewFile(fd, "listener") // want `handed to net.FileConn/FileListener is dup'ed by it and is never closed`
	return net.FileListener(f)
}

func dupInSwitch(c *net.TCPConn, mode int) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return f.Close()
	case 1:
		return nil // want `from c.File is a dup of the socket and is not closed on this path`
	}
	return f.Close()
}

func dupTwice(c *net.TCPConn) error {
	f1, err := c.File()
	if err != nil {
		return err
	}
	defer f1.Close()
	f2, err := c.File() // want `the \*os.File f2 from c.File is a dup of the socket and is never closed`
	if err != nil {
		return err
	}
	_ = f2.Fd()
	return nil
}

func dupInGoroutine(c *net.TCPConn) {
	go func() {
		f, err := c.File() // want `the \*os.File f from c.File is a dup of the socket and is never closed`
		if err != nil {
			return
		}
		_ = f.Fd()
	}()
}

func dupWithDeferredClosureThatIgnores(c *net.TCPConn) error {
	f, err := c.File() // want `from c.File is a dup of the socket and is never closed`
	if err != nil {
		return err
	}
	defer func() { _ = f.Name() }()
	return nil
}

func dupThenConnClose(c *net.TCPConn) error {
	f, err := c.File() // want `from c.File is a dup of the socket and is never closed`
	if err != nil {
		return err
	}
	syscall.SetsockoptInt(int(f.Fd()), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
	return c.Close()
}

func dupLoop(conns []*net.TCPConn) {
	for _, c := range conns {
		f, err := c.File() // want `from c.File is a dup of the socket and is never closed`
		if err != nil {
			continue
		}
		_ = f.Fd()
	}
}

// Negatives.

func closedDup(c *net.TCPConn) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	defer f.Close() // ok
	return syscall.SetsockoptInt(int(f.Fd()), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1)
}

func closedEachPath(c *net.TCPConn) error {
	f, err := c.File()
	if err != nil {
		return err // ok: no file
	}
	if err := syscall.SetNonblock(int(f.Fd()), true); err != nil {
		f.Close()
		return err // ok
	}
	return f.Close()
}

func returnedDup(c *net.TCPConn) (*os.File, error) {
	return c.File() // ok: the caller owns it
}

func returnedDupVar(c *net.TCPConn) (*os.File, error) {
	f, err := c.File()
	if err != nil {
		return nil, err
	}
	return f, nil // ok
}

func handedToChild(c *net.TCPConn, cmd *exec.Cmd) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	cmd.ExtraFiles = append(cmd.ExtraFiles, f) // ok: the command owns it now
	return cmd.Start()
}

var files []*os.File

func stored(c *net.TCPConn) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	files = append(files, f) // ok: stored
	return nil
}

func sent(c *net.TCPConn, ch chan<- *os.File) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	ch <- f // ok
	return nil
}

func fileConnInputClosed(fd uintptr) (net.Conn, error) {
	f := os.NewFile(fd, "sock")
	defer f.Close() // ok: FileConn made its own dup
	return net.FileConn(f)
}

func plainNewFile(fd uintptr) *os.File {
	f := os.NewFile(fd, "plain")
	_ = f.Name()
	return nil // ok: not a socket handed to net
}

func deferredClosure(c *net.TCPConn) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }() // ok
	return nil
}

func nilChecked(c *net.TCPConn) {
	f, _ := c.File()
	if f != nil {
		f.Close() // ok
	}
}

func closeHelper(f *os.File) { _ = f.Close() }

func viaHelper(c *net.TCPConn) error {
	f, err := c.File()
	if err != nil {
		return err
	}
	defer closeHelper(f) // ok: the helper closes it
	return nil
}

func syscallConnNoDup(c *net.TCPConn) error {
	rc, err := c.SyscallConn() // ok: no dup at all
	if err != nil {
		return err
	}
	return rc.Control(func(fd uintptr) {})
}

func dupToFileConnClosed(c *net.TCPConn) (net.Conn, error) {
	f, err := c.File()
	if err != nil {
		return nil, err
	}
	defer f.Close() // ok
	return net.FileConn(f)
}

func dupLoopClosed(conns []*net.TCPConn) {
	for _, c := range conns {
		f, err := c.File()
		if err != nil {
			continue
		}
		f.Close() // ok
	}
}
