// Package pipes holds in-memory conns: net.Pipe ends and a listener the
// package implements over them. None is a socket, and none is reported;
// a listener or dialer whose concrete type the function cannot see
// still is.
package pipes

import (
	"errors"
	"net"
)

// pipeListener hands out net.Pipe ends, as in-memory test servers do.
type pipeListener struct{ ch chan net.Conn }

func newPipeListener() *pipeListener { return &pipeListener{ch: make(chan net.Conn)} }

func (l *pipeListener) Accept() (net.Conn, error) {
	c, ok := <-l.ch
	if !ok {
		return nil, errors.New("closed")
	}
	return c, nil
}

func (l *pipeListener) Close() error   { close(l.ch); return nil }
func (l *pipeListener) Addr() net.Addr { return nil }

// Dial makes a pipe and hands its other end to Accept.
func (l *pipeListener) Dial() (net.Conn, error) {
	a, b := net.Pipe()
	l.ch <- a
	return b, nil
}

// pipePair reads one end of a pipe and returns on EOF without closing:
// a pipe holds no fd.
func pipePair() error {
	a, b := net.Pipe()
	go func() {
		b.Write([]byte("x"))
		b.Close()
	}()
	buf := make([]byte, 1)
	if _, err := a.Read(buf); err != nil {
		return err
	}
	return a.Close()
}

// boxedListener accepts from a listener it can see is the in-memory one.
func boxedListener() error {
	var ln net.Listener = newPipeListener()
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	buf := make([]byte, 10)
	if _, err := c.Read(buf); err != nil {
		return err
	}
	return c.Close()
}

type dialer interface{ Dial() (net.Conn, error) }

// boxedDialer dials through an interface holding the in-memory listener.
func boxedDialer() error {
	var d dialer = newPipeListener()
	c, err := d.Dial()
	if err != nil {
		return err
	}
	buf := make([]byte, 10)
	if _, err := c.Read(buf); err != nil {
		return err
	}
	return c.Close()
}

// fromChannel receives a pipe end: nothing made it here.
func fromChannel(ch <-chan net.Conn) error {
	c := <-ch
	buf := make([]byte, 10)
	if _, err := c.Read(buf); err != nil {
		return err
	}
	return c.Close()
}

// anyListener cannot see what ln is: Accept on a net.Listener is a source.
func anyListener(ln net.Listener) error {
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	buf := make([]byte, 10)
	if _, err := c.Read(buf); err != nil {
		return err // want `conn c from ln.Accept is not closed when c.Read fails`
	}
	return c.Close()
}

// tcpBoxed boxes a real TCP listener: its Accept is the table's.
func tcpBoxed(addr string) error {
	tl, err := net.ListenTCP("tcp", nil)
	if err != nil {
		return err
	}
	defer tl.Close()
	var ln net.Listener = tl
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	buf := make([]byte, 10)
	if _, err := c.Read(buf); err != nil {
		return err // want `conn c from ln.Accept is not closed when c.Read fails`
	}
	return c.Close()
}

// tcpDialer is a dialer of real conns behind the package's interface.
type tcpDialer struct{ addr string }

func (d tcpDialer) Dial() (net.Conn, error) { return net.Dial("tcp", d.addr) }

func boxedTCPDialer(addr string) error {
	var d dialer = tcpDialer{addr}
	c, err := d.Dial()
	if err != nil {
		return err
	}
	buf := make([]byte, 10)
	if _, err := c.Read(buf); err != nil {
		return err // want `conn c from d.Dial is not closed when c.Read fails`
	}
	return c.Close()
}
