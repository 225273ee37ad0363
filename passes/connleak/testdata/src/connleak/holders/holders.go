// Package holders tests sockets held through a package's own interface
// types: a method call on the interface is what the boxed type's method
// does (by the constructor's summary), not an escape; a call whose
// concrete method is unknown still is.
package holders

import (
	"errors"
	"net"

	"connleak/holderlib"
)

// Send borrows the Connection: nobody closes the UDP socket.
func sendOnce(addr *net.UDPAddr, b []byte) error {
	conn, err := holderlib.NewConnection(addr) // want `packet conn conn from holderlib.NewConnection is never closed: its fd and port stay held`
	if err != nil {
		return err
	}
	return conn.Send(b)
}

// The fixed twin.
func sendOnceFixed(addr *net.UDPAddr, b []byte) error {
	conn, err := holderlib.NewConnection(addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Send(b)
}

// A read on the Stream that fails returns without closing it.
func firstFrame(addr string) ([]byte, error) {
	s, err := holderlib.DialStream(addr)
	if err != nil {
		return nil, err
	}
	f, err := s.ReadFrame()
	if err != nil {
		return nil, err // want `conn s from holderlib.DialStream is not closed`
	}
	return f, s.Close()
}

// Detach takes the conn out of the stream: the caller's conn now, and
// the stream is not reported.
func detach(addr string) net.Conn {
	s, err := holderlib.DialStream(addr)
	if err != nil {
		return nil
	}
	return s.Detach()
}

// OpenAny may box an in-memory Connection: Send is unknown, and the
// conn escapes there.
func sendAny(addr *net.UDPAddr, b []byte) error {
	conn, err := holderlib.OpenAny(addr, false)
	if err != nil {
		return err
	}
	return conn.Send(b)
}

// The same package's own interface, constructor and caller.
type pinger interface {
	Ping() error
	Close() error
}

type udpPinger struct{ c net.PacketConn }

func (p *udpPinger) Ping() error {
	_, err := p.c.WriteTo([]byte("ping"), nil)
	return err
}

func (p *udpPinger) Close() error { return p.c.Close() }

func newPinger() (pinger, error) {
	c, err := net.ListenPacket("udp", ":0")
	if err != nil {
		return nil, err
	}
	return &udpPinger{c: c}, nil
}

func pingOnce() error {
	p, err := newPinger() // want `packet conn p from newPinger is never closed`
	if err != nil {
		return err
	}
	return p.Ping()
}

func pingOnceFixed() error {
	p, err := newPinger()
	if err != nil {
		return err
	}
	defer p.Close()
	return p.Ping()
}

// A struct that holds the interface owns it through its Close: the
// constructor's error return after a failed handshake drops both.
type client struct {
	conn holderlib.Connection
}

func (c *client) Close() error { return c.conn.Close() }

func dialClient(addr *net.UDPAddr, hello []byte) (*client, error) {
	conn, err := holderlib.NewConnection(addr)
	if err != nil {
		return nil, err
	}
	cl := &client{conn: conn}
	if err := conn.Send(hello); err != nil {
		return nil, err // want `packet conn conn from holderlib.NewConnection is not closed on this path`
	}
	return cl, nil
}

func dialClientFixed(addr *net.UDPAddr, hello []byte) (*client, error) {
	conn, err := holderlib.NewConnection(addr)
	if err != nil {
		return nil, err
	}
	cl := &client{conn: conn}
	if err := conn.Send(hello); err != nil {
		cl.Close()
		return nil, err
	}
	return cl, nil
}

// statsClient owns its Sender, as the statsd client does.
type statsClient struct {
	s      holderlib.Sender
	prefix string
}

func (c *statsClient) Close() error { return c.s.Close() }

// newStatsClient drops the sender when the prefix is invalid: the UDP
// socket leaks on every bad configuration (the caller-side twin of
// https://github.com/cactus/go-statsd-client/pull/34).
func newStatsClient(addr, prefix string) (*statsClient, error) {
	s, err := holderlib.NewSimpleSender(addr)
	if err != nil {
		return nil, err
	}
	if prefix == "" {
		return nil, errEmptyPrefix // want `packet conn s from holderlib.NewSimpleSender is not closed on this path`
	}
	return &statsClient{s: s, prefix: prefix}, nil
}

func newStatsClientFixed(addr, prefix string) (*statsClient, error) {
	s, err := holderlib.NewSimpleSender(addr)
	if err != nil {
		return nil, err
	}
	if prefix == "" {
		s.Close()
		return nil, errEmptyPrefix
	}
	return &statsClient{s: s, prefix: prefix}, nil
}

var errEmptyPrefix = errors.New("empty prefix")
