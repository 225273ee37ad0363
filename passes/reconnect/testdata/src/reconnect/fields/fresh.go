package fields

import "net"

// A struct built fresh in this function, or by a constructor whose
// literal leaves the field nil, holds no old conn: storing the first one
// loses nothing.

func newBareClient(addr string) *client {
	return &client{addr: addr}
}

func dialFresh(addr string) (*client, error) {
	c := &client{addr: addr}
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c.conn = nc // ok: c is new here
	return c, nil
}

func dialCtor(addr string) (*client, error) {
	c := newBareClient(addr)
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c.conn = nc // ok: newBareClient leaves conn nil
	return c, nil
}

func dialInClosure(addr string) (*client, error) {
	c := &client{addr: addr}
	var err error
	connect := func() {
		var nc net.Conn
		nc, err = net.Dial("tcp", addr)
		if err == nil {
			c.conn = nc // ok: c is new in the enclosing function
		}
	}
	connect()
	return c, err
}

// The positive twin: a client handed in may hold an open conn.
func (c *client) redial() error {
	nc, err := net.Dial("tcp", c.addr)
	if err != nil {
		return err
	}
	c.conn = nc // want `c.conn is given a new conn without closing the old one`
	return nil
}

// A constructor that sets the field: the struct may hold an open conn.
func newDialled(addr string) *client {
	nc, _ := net.Dial("tcp", addr)
	return &client{addr: addr, conn: nc}
}

func redialCtor(addr string) error {
	c := newDialled(addr)
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c.conn = nc // want `c.conn is given a new conn without closing the old one`
	return nil
}
