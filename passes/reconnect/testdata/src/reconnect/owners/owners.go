// Package owners holds accept loops that wrap each conn in an owning
// type (one whose method closes the conn) through a constructor.
package owners

import (
	"io"
	"net"
)

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

// natsConn keeps "closed means nil": processOpErr closes the conn and
// nils the field, then starts doReconnect, which calls createConn to dial
// and store the new one without looking at the old (nats.go
// Conn.createConn, v1.56.0 nats.go:2565, reported by mistake before the
// field rule learnt this teardown). Silent.
type natsConn struct {
	conn   net.Conn
	dialer interface {
		Dial(network, address string) (net.Conn, error)
	}
}

func (nc *natsConn) createConn(host string) (err error) {
	nc.conn, err = nc.dialer.Dial("tcp", host)
	return err
}

func (nc *natsConn) processOpErr(host string) {
	if nc.conn != nil {
		nc.conn.Close()
		nc.conn = nil
	}
	go nc.doReconnect(host)
}

func (nc *natsConn) doReconnect(host string) {
	for nc.createConn(host) != nil {
	}
}

// snmpConn's Close nils the field too, but the redial on a read's EOF
// runs without it: the old conn is lost (modelled on gosnmp v1.47.0
// netConnect, called from marshal.go when a TCP read hits EOF).
type snmpConn struct {
	Conn net.Conn
	addr string
}

func (x *snmpConn) netConnect() (err error) {
	x.Conn, err = net.Dial("tcp", x.addr) // want `x.Conn is given a new conn without closing the old one`
	return err
}

func (x *snmpConn) Close() error {
	err := x.Conn.Close()
	x.Conn = nil
	return err
}

func (x *snmpConn) receive(buf []byte) (int, error) {
	n, err := x.Conn.Read(buf)
	if err == io.EOF {
		return 0, x.netConnect()
	}
	return n, err
}
