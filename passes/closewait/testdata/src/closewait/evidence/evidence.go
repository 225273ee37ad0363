// Package evidence tests the method's own evidence: a method that closes
// its receiver's conn field on its normal exit owns the conn, so an early
// return after a failed read of that conn leaves it in CLOSE_WAIT.
package evidence

import (
	"bufio"
	"net"
)

// peer owns conn: serve closes it (peer has no Close method).
type peer struct {
	conn net.Conn
	out  chan string
}

// serve is started by a go statement elsewhere (not in this package).
func (p *peer) serve() {
	br := bufio.NewReader(p.conn)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return // want `conn p is not closed when br.ReadString fails`
		}
		if line == "QUIT\n" {
			break
		}
		p.out <- line
	}
	p.conn.Close()
}

// Serve returns an error, and closes the conn only on its normal exit.
func (p *peer) Serve() error {
	buf := make([]byte, 512)
	for {
		n, err := p.conn.Read(buf)
		if err != nil {
			return err // want `conn p is not closed when p.conn.Read fails`
		}
		if n == 1 && buf[0] == 'q' {
			break
		}
	}
	return p.conn.Close()
}

// The fixed twin: the close is deferred.
func (p *peer) ServeFixed() error {
	defer p.conn.Close()
	buf := make([]byte, 512)
	for {
		n, err := p.conn.Read(buf)
		if err != nil {
			return err
		}
		if n == 1 && buf[0] == 'q' {
			return nil
		}
	}
}

// session borrows its conn in every method: nothing closes it here, so
// no method of it shows ownership, and a read failure is the caller's.
type session struct {
	conn net.Conn
}

func (s *session) ReadLoop() error {
	buf := make([]byte, 512)
	for {
		if _, err := s.conn.Read(buf); err != nil {
			return err
		}
	}
}

// relay hands its conn on when the read fails: another owner takes it.
type relay struct {
	conn  net.Conn
	retry chan net.Conn
}

func (r *relay) Serve() error {
	buf := make([]byte, 512)
	for {
		n, err := r.conn.Read(buf)
		if err != nil {
			r.retry <- r.conn
			return err
		}
		if n == 0 {
			break
		}
	}
	return r.conn.Close()
}
