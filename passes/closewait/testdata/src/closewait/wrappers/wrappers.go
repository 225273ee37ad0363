// Package wrappers tests conns wrapped by types whose Close closes them
// (tls.Conn, textproto.Conn, rpc.Client, user wrappers) and read views
// that own nothing (bufio, decoders).
package wrappers

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"net/rpc"
	"net/textproto"
)

func process([]byte) {}

func tlsClientClosed(addr string, cfg *tls.Config) error {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	tc := tls.Client(raw, cfg)
	defer tc.Close() // ok: closing the tls.Conn closes raw
	_, err = tc.Read(make([]byte, 8))
	return err
}

func tlsServerLeak(ln net.Listener, cfg *tls.Config) {
	raw, err := ln.Accept()
	if err != nil {
		return
	}
	tc := tls.Server(raw, cfg)
	if err := tc.Handshake(); err != nil {
		tc.Close()
		return
	}
	if _, err := tc.Read(make([]byte, 8)); err != nil {
		return // want `conn raw from ln.Accept is not closed when \w+\.Read fails`
	}
	tc.Close()
}

func tlsDial(addr string) error {
	c, err := tls.Dial("tcp", addr, nil)
	if err != nil {
		return err
	}
	r := bufio.NewReader(c)
	if _, err := r.ReadBytes('\n'); err != nil {
		return err // want `conn c from tls.Dial is not closed when r\.ReadBytes fails`
	}
	return c.Close()
}

func bufioDeferred(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	rw := bufio.NewReadWriter(bufio.NewReader(c), bufio.NewWriter(c))
	_, err = rw.ReadString('\n') // ok: deferred close
	return err
}

func textprotoConn(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	tp := textproto.NewConn(c)
	defer tp.Close() // ok: textproto.Conn.Close closes c
	_, err = tp.Cmd("HELO")
	return err
}

func rpcClient(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	client := rpc.NewClient(c)
	defer client.Close() // ok: rpc.Client.Close closes c
	return client.Call("S.M", 1, new(int))
}

func rpcClientNeverClosed(addr string) error {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return err
	}
	client := rpc.NewClient(c)
	return client.Call("S.M", 1, new(int))
}

func tcpAssert(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	tcp := c.(*net.TCPConn)
	tcp.SetNoDelay(true)
	defer tcp.Close() // ok: same conn
	_, err = io.ReadFull(tcp, make([]byte, 4))
	return err
}

func commaOkAssert(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if tcp, ok := c.(*net.TCPConn); ok {
		defer tcp.Close() // ok on this path
	} else {
		defer c.Close()
	}
	_, err = c.Read(make([]byte, 1))
	return err
}

func halfClose(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c.Write([]byte("bye"))
	c.(*net.TCPConn).CloseWrite()
	_, err = io.ReadAll(c)
	return err // want `conn c from net.Dial is not closed when io.ReadAll fails`
}

// wrapped is a user wrapper that embeds the conn: closing it closes c.
type wrapped struct {
	net.Conn
	name string
}

func dialWrapped(addr string) (*wrapped, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &wrapped{Conn: c, name: addr}, nil // ok: stored in the returned wrapper
}

func useWrapped(addr string) error {
	w, err := dialWrapped(addr)
	if err != nil {
		return err
	}
	defer w.Close() // ok: promoted Close of the embedded conn
	_, err = w.Read(make([]byte, 1))
	return err
}

func netConnOfTLS(c *tls.Conn) net.Conn {
	return c.NetConn()
}

func tlsNetConnClosed(addr string) error {
	c, err := tls.Dial("tcp", addr, nil)
	if err != nil {
		return err
	}
	raw := c.NetConn()
	defer raw.Close() // ok: closing the underlying conn releases the socket
	_, err = c.Read(make([]byte, 1))
	return err
}
