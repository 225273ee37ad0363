package generated

import "net"

// The same leak in a hand-written file of the same package is reported.
func leak(addr string) {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return
	}
	_, _ = c.Write([]byte("x"))
}
