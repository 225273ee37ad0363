package reconnect

import (
	"bufio"
	"net"
)

// WatchFixed is WatchBuggy fixed: it reads the feed at addr line by line
// and, each time the server hangs up, closes the conn and connects again,
// reconnects times in all; it returns the number of lines read.
func WatchFixed(addr string, reconnects int) (lines int, err error) {
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
		// Close our side before dropping the conn: that sends our FIN.
		if err := c.Close(); err != nil {
			return lines, err
		}
		if i == reconnects {
			return lines, nil
		}
		c, err = net.Dial("tcp", addr)
		if err != nil {
			return lines, err
		}
	}
}
