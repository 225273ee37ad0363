// Package netutil has helpers whose behaviour other packages learn only
// through closewait's facts (which golangci-lint caches and passes on).
package netutil

import (
	"bufio"
	"net"
	"time"
)

// Dial returns a fresh conn that the caller must close.
func Dial(addr string) (net.Conn, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ReadLine reads one line and returns the read's error.
func ReadLine(c net.Conn) (string, error) {
	return bufio.NewReader(c).ReadString('\n')
}

// Close closes c.
func Close(c net.Conn) { _ = c.Close() }
