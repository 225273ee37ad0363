// Package ruledial tests the name-and-type rule: a Dial*, Accept* or
// Listen* method of an interface, or a func-typed value of that name,
// returning a conn (or a listener) with an error, returns a fresh one
// its caller owns.
package ruledial

import (
	"context"
	"io"
	"net"
)

// Dialer is a project's own dialer interface (like proxy.Dialer).
type Dialer interface {
	Dial(network, addr string) (net.Conn, error)
}

// ContextDialer is the shape of proxy.ContextDialer.
type ContextDialer interface {
	DialContext(ctx context.Context, network, addr string) (net.Conn, error)
}

// Pool hands out shared conns: Get is no source.
type Pool interface {
	Get() (net.Conn, error)
	Put(net.Conn)
}

// Acceptor is a project's listener-like interface.
type Acceptor interface {
	Accept() (net.Conn, error)
	Close() error
}

// Lister listens.
type Lister interface {
	Listen(network, addr string) (net.Listener, error)
}

// Transport holds a dial function like http.Transport.DialContext.
type Transport struct {
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	DialStream  func() (io.ReadWriteCloser, error)
}

func ifaceDialLeak(d Dialer, addr string, msg []byte) error {
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write(msg); err != nil {
		return err // want `conn c from d.Dial is not closed on this path: its fd stays held`
	}
	return c.Close()
}

func ifaceDialContextNeverClosed(ctx context.Context, d ContextDialer, addr string) {
	c, err := d.DialContext(ctx, "tcp", addr) // want `conn c from d.DialContext is never closed`
	if err != nil {
		return
	}
	c.Write([]byte("x"))
}

func fieldDialReadFails(ctx context.Context, t *Transport, addr string) error {
	c, err := t.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Read(make([]byte, 8)); err != nil {
		return err // want `conn c from t.DialContext is not closed when c.Read fails`
	}
	return c.Close()
}

func paramDialLeak(dial func(network, addr string) (net.Conn, error), addr string) error {
	c, err := dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write(nil); err != nil {
		return err // want `conn c from dial is not closed on this path`
	}
	return c.Close()
}

func ifaceAcceptLeak(a Acceptor) error {
	c, err := a.Accept()
	if err != nil {
		return err
	}
	if _, err := c.Write([]byte("hello")); err != nil {
		return err // want `conn c from a.Accept is not closed on this path`
	}
	return c.Close()
}

func ifaceListenNeverClosed(l Lister, addr string) {
	ln, err := l.Listen("tcp", addr) // want `listener ln from l.Listen is never closed`
	if err != nil {
		return
	}
	_ = ln.Addr()
}

// Negatives.

func ifaceDialClosed(d Dialer, addr string) error {
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write([]byte("x"))
	return err
}

func ifaceDialReturned(ctx context.Context, d ContextDialer, addr string) (net.Conn, error) {
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// A pooled conn is not the caller's to close: Get is not a source.
func poolGet(p Pool) error {
	c, err := p.Get()
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("x"))
	return err
}

// DialStream's result is no net.Conn: the rule does not apply.
func notAConn(t *Transport) error {
	s, err := t.DialStream()
	if err != nil {
		return err
	}
	_, err = s.Write([]byte("x"))
	return err
}

// A conn stored in a struct field escapes: silent.
type client struct{ c net.Conn }

func ifaceDialStored(d Dialer, cl *client, addr string) error {
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return err
	}
	cl.c = c
	return nil
}
