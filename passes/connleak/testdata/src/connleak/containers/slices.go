package containers

import (
	"errors"
	"net"
)

// A slice field of conns (a free list) owns them: popping one (index,
// then reslice without it) makes the function its last owner.

type freeList struct {
	idle []net.Conn
	max  int
}

// pop returns the last idle conn: the caller owns it.
func (f *freeList) pop() net.Conn {
	n := len(f.idle)
	if n == 0 {
		return nil
	}
	c := f.idle[n-1]
	f.idle = f.idle[:n-1]
	return c
}

// shiftProbe takes the oldest conn and drops it when its probe fails.
func (f *freeList) shiftProbe(probe []byte) error {
	if len(f.idle) == 0 {
		return errors.New("empty")
	}
	c := f.idle[0]
	f.idle = f.idle[1:]
	if _, err := c.Write(probe); err != nil {
		return err // want `conn c taken out of f.idle is not closed on this path`
	}
	f.idle = append(f.idle, c)
	return nil
}

func (f *freeList) shiftProbeFixed(probe []byte) error {
	if len(f.idle) == 0 {
		return errors.New("empty")
	}
	c := f.idle[0]
	f.idle = f.idle[1:]
	if _, err := c.Write(probe); err != nil {
		c.Close()
		return err
	}
	f.idle = append(f.idle, c)
	return nil
}

// trim drops the newest conn when the list is over its size, clearing
// the slot first, and forgets to close it.
func (f *freeList) trim() {
	if len(f.idle) <= f.max {
		return
	}
	c := f.idle[len(f.idle)-1]
	f.idle[len(f.idle)-1] = nil
	f.idle = f.idle[:len(f.idle)-1] // want `conn c taken out of f.idle is never closed`
	_ = c
}

func (f *freeList) trimFixed() {
	if len(f.idle) <= f.max {
		return
	}
	c := f.idle[len(f.idle)-1]
	f.idle[len(f.idle)-1] = nil
	f.idle = f.idle[:len(f.idle)-1]
	c.Close()
}

// peek reads the first conn without removing it: the slice still owns
// it.
func (f *freeList) peek() string {
	if len(f.idle) == 0 {
		return ""
	}
	c := f.idle[0]
	return c.RemoteAddr().String()
}

// A reslice that keeps the element (f.idle[:n], n the length) drops
// nothing.
func (f *freeList) keep() {
	n := len(f.idle)
	if n == 0 {
		return
	}
	c := f.idle[0]
	f.idle = f.idle[:n]
	_ = c
}

// A local slice of conns is not their only owner (modelled on quic-go's
// http test, whose dial func pops sockets a cleanup closes): not
// followed.
func dialFromList(a, b net.Conn, hello []byte) error {
	conns := []net.Conn{a, b}
	next := func() error {
		c := conns[0]
		conns = conns[1:]
		if _, err := c.Write(hello); err != nil {
			return err
		}
		return nil
	}
	return next()
}
