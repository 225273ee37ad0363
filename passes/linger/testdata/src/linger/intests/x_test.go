package intests

import (
	"net"
	"testing"
)

func TestReset(t *testing.T) {
	var c *net.TCPConn
	c.SetLinger(0) // ok: a test simulating a reset
}
