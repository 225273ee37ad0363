// Package helperlib sets deadlines for its callers, known through facts.
package helperlib

import (
	"net"
	"time"
)

// Arm gives c a read deadline.
func Arm(c net.Conn) { // want Arm:"borrowsParam\\(0\\) deadlineParam\\(0\\)"
	c.SetReadDeadline(time.Now().Add(time.Minute))
}

// Listener wraps a listener; its Accept returns accepted conns.
type Listener struct{ L net.Listener }

// Accept accepts a conn.
func (l *Listener) Accept() (net.Conn, error) { // want Accept:"freshConn accepted"
	c, err := l.L.Accept()
	if err != nil {
		return nil, err
	}
	return c, nil
}
