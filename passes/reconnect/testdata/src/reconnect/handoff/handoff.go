// Package handoff tests accept loops that start a handler of another
// package per conn: a handler that only borrows the conn leaves the loop
// its owner, and the next iteration's Accept loses it.
package handoff

import (
	"net"

	"reconnect/handlerlib"
)

func acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept() // want `c is made again by the next iteration while the last one may be open`
		if err != nil {
			return
		}
		go handlerlib.Echo(c)
	}
}

// The fixed twin: the handler closes the conn it is given.
func acceptLoopFixed(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handlerlib.EchoClose(c)
	}
}

// A handler behind a func value has no summary: it may close c.
func acceptLoopFunc(ln net.Listener, handle func(net.Conn)) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}
