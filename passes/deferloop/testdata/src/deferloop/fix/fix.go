// Package fix tests deferloop's suggested fix.
package fix

import "net"

func handle(net.Conn) {}

func wrap(ln net.Listener, n int) {
	for i := 0; i < n; i++ {
		c, err := ln.Accept()
		if err == nil {
			defer c.Close() // want `deferred close of a conn in a loop`
			handle(c)
		}
	}
}

func noFix(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err // a return inside the body: no fix
		}
		defer c.Close() // want `deferred close of a conn in a loop`
	}
}
