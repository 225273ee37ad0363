// Package websocket is a stub of github.com/gorilla/websocket: the API
// shapes closewait's module table describes, with bodies of no interest.
package websocket

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"
)

// Conn is a websocket conn over a net.Conn.
type Conn struct{ conn net.Conn }

// Dialer dials websocket conns.
type Dialer struct{ HandshakeTimeout time.Duration }

// DefaultDialer is a dialer with default options.
var DefaultDialer = &Dialer{}

func (d *Dialer) Dial(url string, h http.Header) (*Conn, *http.Response, error) {
	return d.DialContext(context.Background(), url, h)
}

func (d *Dialer) DialContext(ctx context.Context, url string, h http.Header) (*Conn, *http.Response, error) {
	return nil, nil, errors.New("stub")
}

// Upgrader upgrades HTTP requests.
type Upgrader struct{ ReadBufferSize int }

func (u *Upgrader) Upgrade(w http.ResponseWriter, r *http.Request, h http.Header) (*Conn, error) {
	return nil, errors.New("stub")
}

func (c *Conn) Close() error                                    { return c.conn.Close() }
func (c *Conn) ReadMessage() (int, []byte, error)               { return 0, nil, errors.New("stub") }
func (c *Conn) NextReader() (int, io.Reader, error)             { return 0, nil, errors.New("stub") }
func (c *Conn) WriteMessage(messageType int, data []byte) error { return nil }
func (c *Conn) SetReadDeadline(t time.Time) error               { return c.conn.SetReadDeadline(t) }
func (c *Conn) UnderlyingConn() net.Conn                        { return c.conn }

func (c *Conn) ReadJSON(v any) error { return errors.New("stub") }
