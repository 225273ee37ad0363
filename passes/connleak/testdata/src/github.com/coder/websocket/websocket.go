// Package websocket is a stub of github.com/coder/websocket.
package websocket

import (
	"context"
	"errors"
	"io"
	"net/http"
)

// Conn is a websocket conn.
type Conn struct{ rwc io.ReadWriteCloser }

// StatusCode is a close status.
type StatusCode int

// StatusNormalClosure is a normal close.
const StatusNormalClosure StatusCode = 1000

// MessageType is a message's type.
type MessageType int

// DialOptions and AcceptOptions configure a handshake.
type (
	DialOptions   struct{}
	AcceptOptions struct{}
)

func Dial(ctx context.Context, u string, opts *DialOptions) (*Conn, *http.Response, error) {
	return nil, nil, errors.New("stub")
}

func Accept(w http.ResponseWriter, r *http.Request, opts *AcceptOptions) (*Conn, error) {
	return nil, errors.New("stub")
}

func (c *Conn) Close(code StatusCode, reason string) error { return c.rwc.Close() }
func (c *Conn) CloseNow() error                            { return c.rwc.Close() }
func (c *Conn) Read(ctx context.Context) (MessageType, []byte, error) {
	return 0, nil, errors.New("stub")
}
func (c *Conn) Write(ctx context.Context, typ MessageType, p []byte) error { return nil }
