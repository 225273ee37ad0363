// Package handoff tests conns handed by a go statement to a function of
// another package (handlerlib). The callee's exported summary decides who
// owns the conn: a goroutine that only borrows it leaves the spawner as
// the owner, so a conn nobody closes is reported at the spawner.
package handoff

import (
	"net"

	"connleak/handlerlib"
)

// The handler only borrows c and nobody closes it.
func serveOne(ln net.Listener) {
	c, err := ln.Accept() // want `conn c from ln.Accept is never closed`
	if err != nil {
		return
	}
	go handlerlib.Echo(c)
}

// The fixed twin: the handler closes c.
func serveOneFixed(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	go handlerlib.EchoClose(c)
}

// A handler that keeps c owns it from the go statement on.
func tracked(ln net.Listener, s *handlerlib.Server) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	go s.Track(c)
}

// The spawner closes c itself once the borrowing goroutine is started
// and the spawner's own work is done.
func serveThenClose(ln net.Listener, done <-chan struct{}) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	go handlerlib.Echo(c)
	<-done
}

// A borrowing method of another package's type.
func serveMethod(ln net.Listener, s *handlerlib.Server) {
	c, err := ln.Accept() // want `conn c from ln.Accept is never closed`
	if err != nil {
		return
	}
	go s.Serve(c)
}

// An accept loop whose handler only borrows each conn: every conn is
// lost at the back edge, which reconnect reports (its test has this
// loop); no function exit sees the conn open.
func acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handlerlib.Echo(c)
	}
}

// The fixed accept loop.
func acceptLoopFixed(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handlerlib.EchoClose(c)
	}
}

// A handler reached through a func value has no summary: it may close c.
func viaFuncValue(ln net.Listener, handle func(net.Conn)) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	go handle(c)
}
