// Package typeparams tests generic code: conns typed by type parameters,
// generic helpers and generic handlers started by go.
package typeparams

import (
	"io"
	"net"
)

func closeAll[C io.Closer](cs ...C) {
	for _, c := range cs {
		c.Close()
	}
}

func closeOne[C io.Closer](c C) { c.Close() }

func readFrom[R io.Reader](r R) error {
	_, err := r.Read(make([]byte, 1))
	return err
}

func genericHelperCloses(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer closeOne(c) // ok: the generic helper closes its parameter
	return readFrom(c)
}

func genericHelperReadFails(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if err := readFrom(c); err != nil {
		return err // want `conn c from net.Dial is not closed when readFrom fails`
	}
	return c.Close()
}

func handle[T net.Conn](c T) {
	if _, err := io.ReadAll(c); err != nil {
		return // want `conn c \(owned by this goroutine\) is not closed when io.ReadAll fails`
	}
	c.Close()
}

func serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}

type Pool[C io.Closer] struct{ items []C }

func (p *Pool[C]) Put(c C) { p.items = append(p.items, c) }

func pooled(p *Pool[net.Conn], addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	p.Put(c) // ok: the pool keeps it
}

func variadicClose(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer closeAll(c) // ok: a variadic slice is an escape we cannot follow
	c.Write(nil)
}
