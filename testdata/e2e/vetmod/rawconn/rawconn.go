// Package rawconn has a conn type whose API names net.Addr but never
// net.Conn. A package that imports only rawconn sees, under go vet, a
// partial package net built from export data: Addr is in it, Conn is not.
package rawconn

import (
	"net"
	"time"
)

// Conn implements net.Conn over nothing; it stands for a conn type of a
// third-party library.
type Conn struct{ closed bool }

// Open returns a fresh conn that the caller must close.
func Open(addr string) (*Conn, error) {
	if addr == "" {
		return nil, net.UnknownNetworkError(addr)
	}
	return &Conn{}, nil
}

func (c *Conn) Read(b []byte) (int, error)         { return 0, nil }
func (c *Conn) Write(b []byte) (int, error)        { return len(b), nil }
func (c *Conn) Close() error                       { c.closed = true; return nil }
func (c *Conn) LocalAddr() net.Addr                { return nil }
func (c *Conn) RemoteAddr() net.Addr               { return nil }
func (c *Conn) SetDeadline(t time.Time) error      { return nil }
func (c *Conn) SetReadDeadline(t time.Time) error  { return nil }
func (c *Conn) SetWriteDeadline(t time.Time) error { return nil }
