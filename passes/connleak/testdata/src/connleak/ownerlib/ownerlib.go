// Package ownerlib declares owning types whose closing method is not
// Close: the core learns them from their method bodies and exports the
// fact to the packages that use them (package owners).
package ownerlib

import (
	"net"
	"sync"
)

// Session owns conn: Stop closes it.
type Session struct { // want Session:"owns\\(conn\\) closedBy\\(Disconnect,Stop\\)"
	conn net.Conn
	once sync.Once
}

// Stop closes the session's conn.
func (s *Session) Stop() { // want Stop:"closesParam\\(0\\)"
	s.conn.Close()
}

// Disconnect closes the conn once, through a function literal.
func (s *Session) Disconnect() { // want Disconnect:"takesParam\\(0\\)"
	s.once.Do(func() { s.conn.Close() })
}

// Dial returns a session the caller must stop.
func Dial(addr string) (*Session, error) { // want Dial:"freshConn"
	s := &Session{}
	var err error
	s.conn, err = net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Relay closes its conn only to replace it: reconnect is no closing
// method, so Relay is no owning type and a dropped one is not reported.
type Relay struct { // want Relay:"owns\\(conn\\) closedBy\\(\\)"
	conn net.Conn
}

func (r *Relay) reconnect(addr string) error {
	r.conn.Close()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	r.conn = c
	return nil
}
