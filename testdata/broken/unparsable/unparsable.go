// Package unparsable has a syntax error.
package unparsable

import "net"

// Dial is missing a closing parenthesis.
func Dial(addr string) (net.Conn, error {
	return net.Dial("tcp", addr)
}
