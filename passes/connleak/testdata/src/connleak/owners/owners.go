// Package owners tests owning types: a struct whose method closes its
// conn field owns the conn, and a fresh one dropped on some path while
// the field holds an open conn is a leak at that path.
package owners

import (
	"bufio"
	"net"

	"connleak/ownerlib"
)

// Client has a Close method: an owner by the older rule, kept as a
// regression test.
type Client struct {
	conn net.Conn
	br   *bufio.Reader
}

func (c *Client) Close() error { return c.conn.Close() }

func (c *Client) handshake() error {
	_, err := c.conn.Write([]byte("hi"))
	return err
}

func NewClient(addr string) (*Client, error) {
	c := &Client{}
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c.conn = conn
	if err := c.handshake(); err != nil {
		return nil, err // want `conn conn from net.Dial is not closed on this path`
	}
	return c, nil
}

// broker owns conn by its Shutdown method (no Close method).
type broker struct {
	addr string
	conn net.Conn
}

func (b *broker) Shutdown() {
	if b.conn != nil {
		b.conn.Close()
	}
}

func (b *broker) hello() error {
	_, err := b.conn.Write([]byte("HELLO\r\n"))
	return err
}

// Modelled on lib/pq's Connector.open before
// https://github.com/lib/pq/pull/843: the conn is stored into the fresh
// struct's field, a later handshake fails, and the error return drops
// the struct with its conn open.
func newBroker(addr string) (*broker, error) {
	b := &broker{addr: addr}
	var err error
	b.conn, err = net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if err := b.hello(); err != nil {
		return nil, err // want `conn b.conn from net.Dial is not closed on this path`
	}
	return b, nil
}

// The fixed twin: the error path calls the owning type's closing method.
func newBrokerFixed(addr string) (*broker, error) {
	b := &broker{addr: addr}
	var err error
	b.conn, err = net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if err := b.hello(); err != nil {
		b.Shutdown()
		return nil, err
	}
	return b, nil
}

// A composite literal that takes the conn is the same owner.
func newBrokerLit(addr string) (*broker, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	b := &broker{addr: addr, conn: conn}
	if err := b.hello(); err != nil {
		return nil, err // want `conn conn from net.Dial is not closed on this path`
	}
	return b, nil
}

// A fresh owner from a constructor is a resource of its caller.
func useBroker(addr string) error {
	b, err := newBrokerFixed(addr) // want `b from newBrokerFixed \(holding a conn in its field conn\) is never closed`
	if err != nil {
		return err
	}
	return b.hello()
}

func useBrokerFixed(addr string) error {
	b, err := newBrokerFixed(addr)
	if err != nil {
		return err
	}
	defer b.Shutdown()
	return b.hello()
}

// Handing the owner on is not a leak here.
func keepBroker(addr string, reg map[string]*broker) error {
	b, err := newBrokerFixed(addr)
	if err != nil {
		return err
	}
	reg[addr] = b
	return nil
}

// An owning type of another package, known by its fact.
func useSession(addr string) error {
	s, err := ownerlib.Dial(addr) // want `s from ownerlib.Dial \(holding a conn in its field conn\) is never closed`
	if err != nil {
		return err
	}
	_ = s
	return nil
}

func useSessionFixed(addr string) error {
	s, err := ownerlib.Dial(addr)
	if err != nil {
		return err
	}
	s.Stop()
	return nil
}

// Disconnect closes through sync.Once: closing it by an unknown callee is
// no proof, so the core stays silent rather than guess.
func useSessionDisconnect(addr string) error {
	s, err := ownerlib.Dial(addr)
	if err != nil {
		return err
	}
	defer s.Disconnect()
	return nil
}

// plain's conn is closed by no method: plain is no owning type, and the
// conn escapes into it.
type plain struct{ conn net.Conn }

func newPlain(addr string) (*plain, error) {
	p := &plain{}
	var err error
	p.conn, err = net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, err := p.conn.Write([]byte("x")); err != nil {
		return nil, err
	}
	return p, nil
}

// A relay closes its conn only to reconnect: no closing method.
func dropRelay(r *ownerlib.Relay) {
	_ = r
}

// ldapClient owns rwc: close closes it.
type ldapClient struct {
	rwc net.Conn
}

func (c *ldapClient) close() { c.rwc.Close() }

func (c *ldapClient) serve() {
	defer c.close()
	c.rwc.Write([]byte("hello"))
}

// newLDAPClient cannot fail: its error is nil at every return.
func newLDAPClient(rwc net.Conn) (*ldapClient, error) {
	return &ldapClient{rwc: rwc}, nil
}

// Modelled on github.com/vjeantet/ldapserver's Server.serve: the branch
// on newClient's error never runs, so its `continue` drops nothing.
func serveLDAP(ln net.Listener) {
	for {
		rw, err := ln.Accept()
		if err != nil {
			return
		}
		cli, err := newLDAPClient(rw)
		if err != nil {
			continue
		}
		go cli.serve()
	}
}
