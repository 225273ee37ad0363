// Package kcp is a stub of github.com/xtaci/kcp-go/v5.
package kcp

import (
	"errors"
	"net"
	"time"
)

// UDPSession is a reliable stream over a UDP socket of its own.
type UDPSession struct{ conn net.PacketConn }

// Listener accepts sessions on a UDP socket.
type Listener struct{ conn net.PacketConn }

// BlockCrypt encrypts packets.
type BlockCrypt interface{ Encrypt(dst, src []byte) }

func DialWithOptions(raddr string, block BlockCrypt, dataShards, parityShards int) (*UDPSession, error) {
	return nil, errors.New("stub")
}

func ListenWithOptions(laddr string, block BlockCrypt, dataShards, parityShards int) (*Listener, error) {
	return nil, errors.New("stub")
}

func (s *UDPSession) Read(b []byte) (int, error)         { return 0, errors.New("stub") }
func (s *UDPSession) Write(b []byte) (int, error)        { return len(b), nil }
func (s *UDPSession) Close() error                       { return s.conn.Close() }
func (s *UDPSession) LocalAddr() net.Addr                { return nil }
func (s *UDPSession) RemoteAddr() net.Addr               { return nil }
func (s *UDPSession) SetDeadline(t time.Time) error      { return nil }
func (s *UDPSession) SetReadDeadline(t time.Time) error  { return nil }
func (s *UDPSession) SetWriteDeadline(t time.Time) error { return nil }

func (l *Listener) Accept() (net.Conn, error)       { return l.AcceptKCP() }
func (l *Listener) AcceptKCP() (*UDPSession, error) { return nil, errors.New("stub") }
func (l *Listener) Close() error                    { return l.conn.Close() }
func (l *Listener) Addr() net.Addr                  { return nil }
