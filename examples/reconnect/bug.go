package reconnect

import (
	"bufio"
	"net"
)

// WatchBuggy reads the feed at addr line by line and, each time the server
// hangs up, connects again, reconnects times in all; it returns the number
// of lines read.
//
// BUG: it dials the new conn into c without closing the old one, which the
// server has hung up: every reconnect leaves a socket in CLOSE_WAIT.
func WatchBuggy(addr string, reconnects int) (lines int, err error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	for i := 0; ; i++ {
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			lines++
		}
		// Scan stopped: the server hung up (io.EOF) or the read failed.
		if i == reconnects {
			break
		}
		c, err = net.Dial("tcp", addr) // BUG: the old c is never closed
		if err != nil {
			return lines, err
		}
	}
	return lines, c.Close()
}
