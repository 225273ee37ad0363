// Package positive tests linger with -linger.positive.
package positive

import "net"

func blockingClose(c *net.TCPConn) {
	c.SetLinger(5) // want `SetLinger\(5\) makes Close block`
	c.Close()
}

func still0(c *net.TCPConn) {
	c.SetLinger(0) // want `SetLinger\(0\) makes Close abortive`
}

func defaults(c *net.TCPConn) {
	c.SetLinger(-1) // ok: the default
}
