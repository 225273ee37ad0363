// Package testfiles tests -<check>.tests=false, which the shared
// reporter backs for the checks without a -tests flag of their own: the
// finding in x.go is reported, the one in x_test.go is not.
package testfiles

import "net"

func leak(addr string) {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return
	}
	c.Write(nil)
}
