// Package paths tests conns left open on some path to an exit (no read
// failure involved), and conns never closed.
package paths

import (
	"crypto/tls"
	"errors"
	"net"
	"time"
)

func writeErrLeak(addr string, req []byte) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write(req); err != nil {
		return err // want `conn c from net.Dial is not closed on this path: its fd stays held`
	}
	return c.Close()
}

func neverClosed(addr string) {
	c, err := net.DialTimeout("tcp", addr, time.Second) // want `conn c from net.DialTimeout is never closed`
	if err != nil {
		return
	}
	c.Write([]byte("ping"))
}

func discarded(addr string) error {
	_, err := net.Dial("tcp", addr) // want `the conn from net.Dial is never closed`
	return err
}

func dialerNeverClosed(d *net.Dialer, addr string) {
	c, err := d.Dial("tcp", addr) // want `conn c from d.Dial is never closed`
	if err == nil {
		c.SetDeadline(time.Now())
	}
}

func tlsDialNeverClosed(addr string) {
	conn, err := tls.Dial("tcp", addr, nil) // want `conn conn from tls.Dial is never closed`
	if err != nil {
		return
	}
	conn.Handshake()
}

func acceptNeverClosed(ln *net.TCPListener) {
	c, err := ln.AcceptTCP() // want `conn c from ln.AcceptTCP is never closed`
	if err != nil {
		return
	}
	c.SetKeepAlive(true)
}

func closedEveryBranch(addr string, fast bool) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if fast {
		return c.Close() // ok
	}
	c.Write(nil)
	return c.Close() // ok
}

func earlyValidation(addr string, ok bool) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("invalid") // want `conn c from net.Dial is not closed on this path`
	}
	return c.Close()
}

func returnedOnOnePath(addr string, check bool) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if check {
		if _, err := c.Write([]byte("hello")); err != nil {
			return nil, err // want `conn c from net.Dial is not closed on this path`
		}
	}
	return c, nil // ok: returned
}

func retryContinue(addr string, try func(net.Conn) bool) {
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			continue // ok: c is nil
		}
		ok := try(c)
		c.Close()
		if ok {
			break
		}
	}
}

func nilConnCheck(addr string) {
	c, _ := net.Dial("tcp", addr)
	if c == nil {
		return // ok: no conn
	}
	defer c.Close()
	c.Write(nil)
}

func phiMerge(addr string, useTLS bool) error {
	var c net.Conn
	var err error
	if useTLS {
		c, err = tls.Dial("tcp", addr, nil)
	} else {
		c, err = net.Dial("tcp", addr)
	}
	if err != nil {
		return err
	}
	defer c.Close() // ok: one defer after the merge closes either conn
	_, err = c.Write(nil)
	return err
}

func namedResults(addr string) (c net.Conn, err error) {
	c, err = net.Dial("tcp", addr)
	return // ok: a naked return hands c to the caller
}

func lingerThenClose(addr string) {
	c, err := net.DialTCP("tcp", nil, &net.TCPAddr{Port: 1})
	if err != nil {
		return
	}
	c.SetLinger(0)
	c.Close() // ok for connleak (linger is another check)
}

func fileDupConnClosed(addr string) {
	c, err := net.DialTCP("tcp", nil, &net.TCPAddr{Port: 1})
	if err != nil {
		return
	}
	f, err := c.File()
	c.Close() // ok for connleak (the dup is filedup's business)
	if err == nil {
		f.Close()
	}
}

func closeWriteOnly(addr string) {
	c, err := net.DialTCP("tcp", nil, &net.TCPAddr{Port: 1}) // want `conn c from net.DialTCP is never closed`
	if err != nil {
		return
	}
	c.Write([]byte("bye"))
	c.CloseWrite() // a half-close releases nothing
}
