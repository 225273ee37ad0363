// Package connlib is a library whose helpers are known to other packages
// only through facts.
package connlib

import (
	"bufio"
	"net"
)

var pool []net.Conn

// Dial returns a fresh conn: callers own it.
func Dial(addr string) (net.Conn, error) { // want Dial:"freshConn"
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Close closes c on every path.
func Close(c net.Conn) { // want Close:"closesParam\\(0\\)"
	_ = c.Close()
}

// ReadLine reads a line from c and returns the read's error.
func ReadLine(c net.Conn) (string, error) { // want ReadLine:"borrowsParam\\(0\\) readsParam\\(0\\)"
	return bufio.NewReader(c).ReadString('\n')
}

// Put keeps c in a pool: it takes ownership.
func Put(c net.Conn) { // want Put:"takesParam\\(0\\)"
	pool = append(pool, c)
}

// Send writes to c and keeps nothing.
func Send(c net.Conn, b []byte) error { // want Send:"borrowsParam\\(0\\)"
	_, err := c.Write(b)
	return err
}

// Fatal never returns.
func Fatal(msg string) { // want Fatal:"noReturn"
	panic(msg)
}

// Conn wraps a conn.
type Conn struct{ c net.Conn }

// Close closes the wrapped conn.
func (w *Conn) Close() error { // want Close:"closesParam\\(0\\)"
	return w.c.Close()
}
