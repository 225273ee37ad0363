// Package escapes tests conns whose ownership leaves the function: none
// of them is reported (precision first), and the partial escapes that
// still leak are.
package escapes

import (
	"net"
	"sync"
	"testing"
)

type client struct {
	conn net.Conn
	mu   sync.Mutex
}

var (
	global net.Conn
	conns  = map[string]net.Conn{}
)

func returned(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return c, nil // ok
}

func returnedAsCloser(addr string) (interface{ Close() error }, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return c, nil // ok: returned as an io.Closer
}

func storedInField(cl *client, addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	cl.mu.Lock()
	cl.conn = c // ok: the client closes it later
	cl.mu.Unlock()
	return nil
}

func constructor(addr string) (*client, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &client{conn: c}, nil // ok: stored in the returned struct
}

func storedInGlobal(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	global = c // ok
}

func storedInMap(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	conns[addr] = c // ok
}

func appended(addr string, closers []net.Conn) []net.Conn {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return closers
	}
	return append(closers, c) // ok: closed later in a loop over the slice
}

func sent(addr string, ch chan<- net.Conn) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	ch <- c // ok: the receiver owns it
}

func pooled(p *sync.Pool, addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	p.Put(c) // ok: an unknown callee takes it
}

func cleanup(t *testing.T, addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() }) // ok: closed by the cleanup
}

func onceClose(addr string) *sync.Once {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil
	}
	var once sync.Once
	go func() {
		once.Do(func() { c.Close() }) // ok: captured by a closure we do not follow
	}()
	return &once
}

func addressTaken(addr string, dial func(*net.Conn) error) error {
	var c net.Conn
	if err := dial(&c); err != nil {
		return err
	}
	return nil // ok: no source here at all
}

func escapeOnlyOnOnePath(addr string, keep bool) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if keep {
		global = c // ok on this path
		return nil
	}
	return nil // want `conn c from net.Dial is not closed on this path`
}

func storedThenReturnedErr(cl *client, addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write(nil); err != nil {
		return err // want `conn c from net.Dial is not closed on this path`
	}
	cl.conn = c
	return nil
}
