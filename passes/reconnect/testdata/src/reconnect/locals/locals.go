// Package locals tests reconnect on local variables.
package locals

import (
	"bufio"
	"io"
	"net"
	"time"
)

// Modelled on examples/reconnect and the seed article's "thousands of
// ports in CLOSE_WAIT, reconnect keeps failing".
func watch(addr string, reconnects int) (int, error) {
	lines := 0
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	for i := 0; ; i++ {
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			lines++
		}
		if i == reconnects {
			break
		}
		c, err = net.Dial("tcp", addr) // want `c is overwritten by a new conn while the old one may be open`
		if err != nil {
			return lines, err
		}
	}
	return lines, c.Close()
}

// sameCallInLoop: the same Dial re-runs with the previous conn open on
// the continue path.
func sameCallInLoop(addr string, msgs [][]byte) {
	for _, m := range msgs {
		c, err := net.Dial("tcp", addr) // want `c is made again by the next iteration while the last one may be open`
		if err != nil {
			continue
		}
		if _, err := c.Write(m); err != nil {
			continue // the conn leaks on this path
		}
		c.Close()
	}
}

// Modelled on hashicorp/go-metrics#153: a goto redial overwrites the
// socket variable. Regression: https://github.com/hashicorp/go-metrics/pull/153
func gotoRedial(addr string, data chan []byte) {
	var c net.Conn
	var err error
CONNECT:
	c, err = net.Dial("tcp", addr) // want `c is made again by the next iteration`
	if err != nil {
		time.Sleep(time.Second)
		goto CONNECT
	}
	for d := range data {
		if _, err := c.Write(d); err != nil {
			goto CONNECT
		}
	}
	c.Close()
}

func redialOnReadError(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			c, err = net.Dial("tcp", addr) // want `c is overwritten by a new conn while the old one may be open`
			if err != nil {
				return
			}
		}
	}
}

func acceptOverwrite(ln net.Listener) {
	var c net.Conn
	for {
		nc, err := ln.Accept() // want `nc is made again by the next iteration`
		if err != nil {
			return
		}
		c = nc
		io.Copy(io.Discard, c)
	}
}

// Negatives.

func closedBeforeRedial(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			c.Close()
			c, err = net.Dial("tcp", addr) // ok: the old conn is closed first
			if err != nil {
				return
			}
		}
	}
}

func nilCheckedClose(addr string, n int) {
	var c net.Conn
	var err error
	for i := 0; i < n; i++ {
		if c != nil {
			c.Close()
		}
		c, err = net.Dial("tcp", addr) // ok: closed (or nil) first
		if err != nil {
			return
		}
	}
	if c != nil {
		c.Close()
	}
}

func savedThenClosed(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	old := c
	c, err = net.Dial("tcp", addr) // ok: the old conn is kept in old and closed below
	old.Close()
	if err != nil {
		return err
	}
	return c.Close()
}

func handedOff(addr string, out chan<- net.Conn) {
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		out <- c // ok: handed on each iteration
	}
}

func closedEachIteration(addr string) {
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", addr) // ok: closed every iteration
		if err != nil {
			continue
		}
		c.Write(nil)
		c.Close()
	}
}

func deferredCloseLastOnly(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer func() { c.Close() }()
	c, err = net.Dial("tcp", addr) // ok: not checked, c is captured by a closure
	return err
}

func failedDialKeepsNothing(addr string) {
	var c net.Conn
	var err error
	for {
		c, err = net.Dial("tcp", addr) // ok: the previous dial failed (c was nil)
		if err == nil {
			break
		}
	}
	c.Close()
}

func goroutineOwner(addr string) {
	for {
		c, err := net.Dial("tcp", addr) // ok: handed to a goroutine each time
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			io.Copy(io.Discard, c)
		}()
	}
}

func discardedInLoop(addrs []string) {
	for _, a := range addrs {
		_, err := net.Dial("tcp", a) // ok for reconnect: no variable is overwritten (connleak reports the leak)
		_ = err
	}
}
