// Package handlerlib declares conn handlers that another package starts
// with go statements (package handoff): their summaries, exported as
// facts, say whether the goroutine closes the conn, keeps it, or only
// borrows it.
package handlerlib

import (
	"net"
	"sync"
)

// Echo reads c and writes back what it read until a read fails. It
// never closes c.
func Echo(c net.Conn) { // want Echo:"borrowsParam\\(0\\)"
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}

// EchoClose is Echo that closes c when it is done.
func EchoClose(c net.Conn) { // want EchoClose:"closesParam\\(0\\)"
	defer c.Close()
	Echo(c)
}

// Server keeps the conns it is given and closes them on Shutdown.
type Server struct {
	mu    sync.Mutex
	conns map[net.Conn]bool
}

// Track keeps c until Shutdown.
func (s *Server) Track(c net.Conn) { // want Track:"takesParam\\(1\\)"
	s.mu.Lock()
	s.conns[c] = true
	s.mu.Unlock()
}

// Shutdown closes every tracked conn.
func (s *Server) Shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.Close()
	}
}

// Serve echoes on c, a method that borrows its argument.
func (s *Server) Serve(c net.Conn) { // want Serve:"borrowsParam\\(1\\)"
	Echo(c)
}
