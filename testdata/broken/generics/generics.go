// Package generics is generics-heavy code about conns: type parameters
// constrained by net.Conn, generic pools and wrappers, generic handlers
// and instantiations. It is well-formed; its leaks must be reported and
// nothing may crash.
package generics

import (
	"io"
	"net"
	"sync"
)

// Closer is any conn-like value.
type Closer interface {
	comparable
	io.ReadWriteCloser
}

// Pool keeps idle conns of one type.
type Pool[C Closer] struct {
	mu   sync.Mutex
	idle []C
	dial func() (C, error)
}

// Get returns an idle conn or dials a new one.
func (p *Pool[C]) Get() (C, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return c, nil
	}
	return p.dial()
}

// Put returns c to the pool.
func (p *Pool[C]) Put(c C) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle = append(p.idle, c)
}

// Wrapped pairs a conn with a value of any type.
type Wrapped[C net.Conn, T any] struct {
	Conn C
	Meta T
}

// Handle reads from c until EOF and leaks it on a read error.
func Handle[C net.Conn](c C) error {
	buf := make([]byte, 64)
	for {
		if _, err := c.Read(buf); err != nil {
			return err // want: closewait (c is handed to this goroutine)
		}
	}
}

// HandleAll starts one handler per accepted conn.
func HandleAll(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go Handle(c)
	}
}

// Map applies f to each element.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// DialAll dials every address and closes each conn.
func DialAll(addrs []string) []error {
	return Map(addrs, func(addr string) error {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		w := Wrapped[net.Conn, string]{Conn: c, Meta: addr}
		return w.Conn.Close()
	})
}

// First dials through a generic pool and leaks the conn when the read
// fails.
func First[C Closer](p *Pool[C]) error {
	c, err := p.Get()
	if err != nil {
		return err
	}
	if _, err := c.Read(make([]byte, 1)); err != nil {
		return err
	}
	p.Put(c)
	return nil
}

// Sum is a generic function over a type set, with no conns at all.
func Sum[T ~int | ~int64 | ~float64](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

var _ = First[net.Conn]
var _ = Sum[int]
