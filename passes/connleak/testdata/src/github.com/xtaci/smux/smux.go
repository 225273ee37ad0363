// Package smux is a stub of github.com/xtaci/smux.
package smux

import (
	"errors"
	"io"
)

// Session multiplexes streams over a conn.
type Session struct{ conn io.ReadWriteCloser }

// Stream is one stream of a session.
type Stream struct{}

func (s *Stream) Close() error { return nil }

// Config configures a session.
type Config struct{}

func Client(conn io.ReadWriteCloser, config *Config) (*Session, error) {
	return &Session{conn: conn}, nil
}

func Server(conn io.ReadWriteCloser, config *Config) (*Session, error) {
	return &Session{conn: conn}, nil
}

func (s *Session) OpenStream() (*Stream, error)   { return nil, errors.New("stub") }
func (s *Session) AcceptStream() (*Stream, error) { return nil, errors.New("stub") }
func (s *Session) Close() error                   { return s.conn.Close() }
