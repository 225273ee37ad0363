// Package fields tests reconnect on struct fields.
package fields

import (
	"net"
	"sync"
)

type client struct {
	mu   sync.Mutex
	addr string
	conn net.Conn
}

func (c *client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.conn.Close()
}

// Modelled on cockroachdb/cockroach#1825: the RPC client reconnects
// without closing the old conn. Regression: https://github.com/cockroachdb/cockroach/pull/1826
func (c *client) reconnect() error {
	nc, err := net.Dial("tcp", c.addr)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.conn = nc // want `c.conn is given a new conn without closing the old one`
	c.mu.Unlock()
	return nil
}

func (c *client) reconnectClosing() error {
	nc, err := net.Dial("tcp", c.addr)
	if err != nil {
		return err
	}
	c.mu.Lock()
	if c.conn != nil {
		c.conn.Close()
	}
	c.conn = nc // ok: the old conn is closed first
	c.mu.Unlock()
	return nil
}

func (c *client) swap() (net.Conn, error) {
	nc, err := net.Dial("tcp", c.addr)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	old := c.conn
	c.conn = nc // ok: the old conn is swapped out and returned
	c.mu.Unlock()
	return old, nil
}

func newClient(addr string) (*client, error) {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	cl := &client{addr: addr}
	cl.conn = nc // ok: a new struct, the field was nil
	return cl, nil
}

type unclosed struct{ conn net.Conn }

func (u *unclosed) set(addr string) error {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	u.conn = nc // ok: nothing in the package closes this field: no evidence it owns conns
	return nil
}

// dialNamed mirrors net/http's (*Transport).dialConn: the struct is a named
// result, allocated here, captured by a closure and set to nil on error.
func dialNamed(addr string) (cl *client, err error) {
	cl = &client{addr: addr}
	defer func() {
		if err != nil {
			cl = nil
		}
	}()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	cl.conn = nc // ok: cl was allocated in this function
	return cl, nil
}

// harness keeps the last conn it dialled so that a test can cut it; the
// conn itself belongs to the session it returns. Modelled on
// golang.org/x/crypto/ssh/test's server.lastDialConn
// (ssh/test/test_unix_test.go).
type harness struct {
	last net.Conn
}

type session struct{ c net.Conn }

func (s *session) Close() error { return s.c.Close() }

func (h *harness) cut() { h.last.Close() }

// dial stores a second reference: not reported.
func (h *harness) dial(addr string) (*session, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	h.last = c // not reported: c goes to the returned session, which owns it
	return &session{c: c}, nil
}

// proxy keeps the last accepted conn, which the goroutines own: not
// reported. Modelled on nats-server's leafnode test proxy (p.leaf = c).
func (h *harness) proxy(ln net.Listener, serve func(net.Conn)) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		h.last = c // not reported: handed to a goroutine below
		go serve(c)
	}
}

// redial has the field as the only owner: reported.
func (h *harness) redial(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	h.last = c // want `h.last is given a new conn without closing the old one`
	return nil
}
