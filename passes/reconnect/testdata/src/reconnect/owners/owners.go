// Package owners holds accept loops that wrap each conn in an owning
// type (one whose method closes the conn) through a constructor.
package owners

import "net"

// client owns rwc: close closes it.
type client struct {
	rwc net.Conn
}

func (c *client) close() { c.rwc.Close() }

func (c *client) serve() {
	defer c.close()
	c.rwc.Write([]byte("hello"))
}

// newClient cannot fail: its error is nil at every return.
func newClient(rwc net.Conn) (*client, error) {
	return &client{rwc: rwc}, nil
}

// newClientChecked can fail, and leaves rwc to its caller then.
func newClientChecked(rwc net.Conn) (*client, error) {
	if rwc.RemoteAddr() == nil {
		return nil, net.ErrClosed
	}
	return &client{rwc: rwc}, nil
}

// Modelled on github.com/vjeantet/ldapserver's Server.serve (v1.0.1,
// server.go): the branch on newClient's error never runs, so its
// `continue` drops nothing.
func serve(ln net.Listener) {
	for {
		rw, err := ln.Accept()
		if err != nil {
			return
		}
		cli, err := newClient(rw)
		if err != nil {
			continue
		}
		go cli.serve()
	}
}

// The same loop over a constructor that can fail: its `continue` drops
// the accepted conn, and the next Accept makes another.
func serveChecked(ln net.Listener) {
	for {
		rw, err := ln.Accept() // want `rw is made again by the next iteration`
		if err != nil {
			return
		}
		cli, err := newClientChecked(rw)
		if err != nil {
			continue
		}
		go cli.serve()
	}
}

// The fixed twin: the failed constructor's conn is closed.
func serveCheckedFixed(ln net.Listener) {
	for {
		rw, err := ln.Accept()
		if err != nil {
			return
		}
		cli, err := newClientChecked(rw)
		if err != nil {
			rw.Close()
			continue
		}
		go cli.serve()
	}
}

// encoder owns conn: close closes it.
type encoder struct {
	conn net.Conn
}

func newEncoder(conn net.Conn) (*encoder, error) {
	return &encoder{conn: conn}, nil
}

func (e *encoder) close() error { return e.conn.Close() }

type dio struct {
	addr string
	enc  *encoder
}

// Modelled on coredns plugin/dnstap/io.go dio.dial before
// https://github.com/coredns/coredns/pull/8224: the reconnect overwrites
// the encoder, which owns the previous conn, without closing it.
func (d *dio) dial() error {
	conn, err := net.Dial("tcp", d.addr)
	if err != nil {
		return err
	}
	d.enc, err = newEncoder(conn) // want `d.enc is given a new conn without closing the old one`
	return err
}

// The fixed twin closes the old encoder first.
func (d *dio) dialFixed() error {
	if d.enc != nil {
		d.enc.close()
		d.enc = nil
	}
	conn, err := net.Dial("tcp", d.addr)
	if err != nil {
		return err
	}
	d.enc, err = newEncoder(conn)
	return err
}

func (d *dio) close() {
	if d.enc != nil {
		d.enc.close()
	}
}
