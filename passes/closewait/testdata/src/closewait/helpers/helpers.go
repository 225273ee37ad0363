// Package helpers tests helpers in the same package: functions that
// close, read, borrow, take or return conns, known through their
// summaries.
package helpers

import (
	"io"
	"log"
	"net"
)

var registry []net.Conn

func closeConn(c net.Conn) {
	if err := c.Close(); err != nil {
		log.Print(err)
	}
}

func closeQuietly(c io.Closer) { _ = c.Close() }

func readMsg(c net.Conn) ([]byte, error) {
	buf := make([]byte, 64)
	n, err := c.Read(buf)
	return buf[:n], err
}

func writeMsg(c net.Conn, b []byte) error {
	_, err := c.Write(b)
	return err
}

func dial(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return c, nil // ok: returned to the caller
}

func dialShared(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	registry = append(registry, c) // ok: shared, not fresh
	return c, nil
}

func keep(c net.Conn) { registry = append(registry, c) }

func useCloseHelper(addr string) error {
	c, err := dial(addr)
	if err != nil {
		return err
	}
	defer closeConn(c) // ok: closeConn closes its parameter
	_, err = readMsg(c)
	return err
}

func useCloseQuietly(addr string) error {
	c, err := dial(addr)
	if err != nil {
		return err
	}
	defer closeQuietly(c) // ok: through io.Closer
	return writeMsg(c, nil)
}

func helperReadFails(addr string) error {
	c, err := dial(addr)
	if err != nil {
		return err
	}
	if _, err := readMsg(c); err != nil {
		return err // want `conn c from dial is not closed when readMsg fails`
	}
	closeConn(c)
	return nil
}

func helperWriteFails(addr string) error {
	c, err := dial(addr)
	if err != nil {
		return err
	}
	if err := writeMsg(c, []byte("x")); err != nil {
		return err // want `conn c from dial is not closed on this path: its fd stays held`
	}
	return c.Close()
}

func sharedNotFresh(addr string) error {
	c, err := dialShared(addr)
	if err != nil {
		return err
	}
	return writeMsg(c, nil) // ok: dialShared keeps its own reference
}

func keptByHelper(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	keep(c) // ok: ownership taken by keep
}

func deferredClosureParam(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer func(c net.Conn) {
		if err := c.Close(); err != nil {
			log.Print(err)
		}
	}(c) // ok: the deferred closure closes its parameter
	return writeMsg(c, nil)
}

func methodValueDefer(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	closeFn := c.Close
	defer closeFn() // ok: a method value of Close
	_, err = readMsg(c)
	return err
}

func keepFirstErr(err *error, f func() error) {
	if e := f(); *err == nil {
		*err = e
	}
}

func closeViaFuncArg(addr string) (err error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer keepFirstErr(&err, c.Close) // ok: c.Close escapes to a helper
	_, err = readMsg(c)
	return err
}

// recursive helpers have no summary while they are computed: silence.
func pingPong(c net.Conn, n int) error {
	if n == 0 {
		return c.Close()
	}
	return pingPong(c, n-1)
}

func useRecursive(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return pingPong(c, 3) // ok: pingPong closes c eventually
}

func closeOnErr(c net.Conn, err error) error {
	if err != nil {
		c.Close()
	}
	return err
}

func conditionalHelper(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, err := readMsg(c); err != nil {
		return nil, closeOnErr(c, err) // ok: the helper may close it
	}
	return c, nil
}
