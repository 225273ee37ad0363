// Package otherchecks tests that every check, not only closewait and
// connleak, honours //closewait:ignore through the shared reporter.
package otherchecks

import (
	"io"
	"net"
	"net/http"
)

func reject(c *net.TCPConn) {
	//closewait:ignore linger a banned peer gets a reset on purpose
	c.SetLinger(0) // ok: suppressed with a reason
	c.Close()
}

func rejectUnsuppressed(c *net.TCPConn) {
	c.SetLinger(0) // want `SetLinger\(0\) makes Close abortive`
	c.Close()
}

func fetch(url string) int {
	resp, err := http.Get(url) //closewait:ignore httpbody the caller drains it through a hook
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func copyAll(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close() //closewait:ignore deferloop at most three conns in this tool
		io.Copy(io.Discard, c)
	}
}
