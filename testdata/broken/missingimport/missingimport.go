// Package missingimport imports a package that no module provides.
package missingimport

import (
	"net"

	"example.com/nowhere/conns"
)

// Dial hands its conn to a package that does not exist.
func Dial(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return conns.Serve(c)
}
