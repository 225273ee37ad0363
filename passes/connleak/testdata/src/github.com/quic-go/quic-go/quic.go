// Package quic is a stub of github.com/quic-go/quic-go (v0.53 and later:
// *Conn, not the Connection interface).
package quic

import (
	"context"
	"crypto/tls"
	"errors"
)

// Conn is a QUIC connection over a UDP socket.
type Conn struct{}

// Stream is a QUIC stream.
type Stream struct{}

func (s *Stream) Close() error { return nil }

// Listener accepts QUIC connections on a UDP socket.
type Listener struct{}

// Config configures a connection.
type Config struct{}

// ApplicationErrorCode is sent with a close.
type ApplicationErrorCode uint64

func DialAddr(ctx context.Context, addr string, tlsConf *tls.Config, conf *Config) (*Conn, error) {
	return nil, errors.New("stub")
}

func ListenAddr(addr string, tlsConf *tls.Config, conf *Config) (*Listener, error) {
	return nil, errors.New("stub")
}

func (c *Conn) CloseWithError(code ApplicationErrorCode, desc string) error { return nil }
func (c *Conn) OpenStreamSync(ctx context.Context) (*Stream, error)         { return nil, errors.New("stub") }
func (c *Conn) AcceptStream(ctx context.Context) (*Stream, error)           { return nil, errors.New("stub") }
func (l *Listener) Accept(ctx context.Context) (*Conn, error)               { return nil, errors.New("stub") }
func (l *Listener) Close() error                                            { return nil }
