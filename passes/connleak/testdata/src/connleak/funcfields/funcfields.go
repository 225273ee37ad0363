// Package funcfields tests calls through unexported func-valued fields
// that only ever hold one function: the call is that function's, so a
// wrapper stored in a field wraps, and a dial stored in one dials.
// Modelled on emiago/sipgo, whose TLS transport wrapped the dialled conn
// through its tlsClient field and returned without closing it when the
// handshake failed (https://github.com/emiago/sipgo/pull/371).
package funcfields

import (
	"context"
	"crypto/tls"
	"net"
)

type transport struct {
	tlsClient func(conn net.Conn, cfg *tls.Config) *tls.Conn
	cfg       *tls.Config
}

func newTransport(cfg *tls.Config) *transport {
	t := &transport{cfg: cfg}
	t.tlsClient = func(conn net.Conn, cfg *tls.Config) *tls.Conn {
		return tls.Client(conn, cfg)
	}
	return t
}

func (t *transport) connect(ctx context.Context, addr string) (*tls.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	tc := t.tlsClient(conn, t.cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err // want `conn conn from net.Dial is not closed on this path`
	}
	return tc, nil
}

func (t *transport) connectFixed(ctx context.Context, addr string) (*tls.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	tc := t.tlsClient(conn, t.cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return tc, nil
}

// A field given two different functions may call either: the conn
// escapes into the call.
type twoWays struct {
	wrap func(net.Conn) net.Conn
}

func newTwoWays(plain bool) *twoWays {
	if plain {
		return &twoWays{wrap: func(c net.Conn) net.Conn { return c }}
	}
	return &twoWays{wrap: keep}
}

var kept []net.Conn

func keep(c net.Conn) net.Conn {
	kept = append(kept, c)
	return c
}

func (w *twoWays) open(addr string, hello []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c := w.wrap(conn)
	if _, err := c.Write(hello); err != nil {
		return err
	}
	return c.Close()
}

// An exported field may be set by any importer: not followed.
type Public struct {
	Wrap func(net.Conn) net.Conn
}

func NewPublic() *Public { return &Public{Wrap: func(c net.Conn) net.Conn { return c }} }

func (p *Public) open(addr string, hello []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c := p.Wrap(conn)
	if _, err := c.Write(hello); err != nil {
		return err
	}
	return c.Close()
}

// A field whose one function is net.Dial dials (the name-and-type rule
// for func-typed fields finds this one too).
type client struct {
	dial func(network, addr string) (net.Conn, error)
}

func newClient() *client { return &client{dial: net.Dial} }

func (cl *client) ping(addr string) error {
	c, err := cl.dial("tcp", addr) // want `conn c from cl.dial is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("ping"))
	return err
}
