// Package typeerr does not type-check.
package typeerr

import "net"

// Dial has a type error: it returns a string as an error.
func Dial(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, "dial failed"
	}
	return c, nil
}
