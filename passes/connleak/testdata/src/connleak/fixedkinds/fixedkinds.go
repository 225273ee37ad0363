// Package fixedkinds holds regression tests modelled on leaks of packet
// sockets, listeners and func-typed dialers that were fixed upstream.
// Each function is the shape before the fix; its fixed twin follows.
package fixedkinds

import (
	"crypto/tls"
	"errors"
	"net"
	"os"
)

// https://github.com/miekg/dns/pull/1227: the ListenPacket socket,
// type-asserted to *net.UDPConn, leaked when setting socket options
// failed.
func dnsListenAndServe(network, addr string, size int) (net.PacketConn, error) {
	l, err := net.ListenPacket(network, addr)
	if err != nil {
		return nil, err
	}
	u := l.(*net.UDPConn)
	if e := setUDPSocketOptions(u, size); e != nil {
		return nil, e // want `packet conn l from net.ListenPacket is not closed on this path: its fd and port stay held`
	}
	return l, nil
}

func dnsListenAndServeFixed(network, addr string, size int) (net.PacketConn, error) {
	l, err := net.ListenPacket(network, addr)
	if err != nil {
		return nil, err
	}
	u := l.(*net.UDPConn)
	if e := setUDPSocketOptions(u, size); e != nil {
		u.Close()
		return nil, e
	}
	return l, nil
}

// setUDPSocketOptions sets a socket option; it keeps nothing.
func setUDPSocketOptions(u *net.UDPConn, size int) error { return u.SetReadBuffer(size) }

// https://github.com/cactus/go-statsd-client/pull/34: the UDP socket
// leaked when the destination did not resolve.
type simpleSender struct {
	c  net.PacketConn
	ra *net.UDPAddr
}

func newSimpleSender(addr string) (*simpleSender, error) {
	c, err := net.ListenPacket("udp", ":0")
	if err != nil {
		return nil, err
	}
	ra, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, err // want `packet conn c from net.ListenPacket is not closed on this path`
	}
	return &simpleSender{c: c, ra: ra}, nil
}

func newSimpleSenderFixed(addr string) (*simpleSender, error) {
	c, err := net.ListenPacket("udp", ":0")
	if err != nil {
		return nil, err
	}
	ra, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		c.Close()
		return nil, err
	}
	return &simpleSender{c: c, ra: ra}, nil
}

// https://github.com/valyala/fasthttp/pull/2304: the unix listener
// leaked when chmod of the socket file failed, before Serve took it.
type server struct{ serve func(net.Listener) error }

func (s *server) listenAndServeUNIX(addr string, mode os.FileMode) error {
	ln, err := net.Listen("unix", addr)
	if err != nil {
		return err
	}
	if err = os.Chmod(addr, mode); err != nil {
		return err // want `listener ln from net.Listen is not closed on this path: its port stays held`
	}
	return s.serve(ln)
}

func (s *server) listenAndServeUNIXFixed(addr string, mode os.FileMode) error {
	ln, err := net.Listen("unix", addr)
	if err != nil {
		return err
	}
	if err = os.Chmod(addr, mode); err != nil {
		ln.Close()
		return err
	}
	return s.serve(ln)
}

// https://github.com/rabbitmq/amqp091-go/pull/448: the conn from a
// func-typed dialer (the config's, or a default) leaked when the TLS
// handshake failed.
type config struct {
	Dial func(network, addr string) (net.Conn, error)
}

func defaultDial(network, addr string) (net.Conn, error) { return net.Dial(network, addr) }

func dialConfig(cfg config, addr string, tcfg *tls.Config) (*tls.Conn, error) {
	dialer := cfg.Dial
	if dialer == nil {
		dialer = defaultDial
	}
	conn, err := dialer("tcp", addr)
	if err != nil {
		return nil, err
	}
	client := tls.Client(conn, tcfg)
	if err := client.Handshake(); err != nil {
		return nil, err // want `conn conn from dialer is not closed on this path`
	}
	return client, nil
}

func dialConfigFixed(cfg config, addr string, tcfg *tls.Config) (*tls.Conn, error) {
	dialer := cfg.Dial
	if dialer == nil {
		dialer = defaultDial
	}
	conn, err := dialer("tcp", addr)
	if err != nil {
		return nil, err
	}
	client := tls.Client(conn, tcfg)
	if err := client.Handshake(); err != nil {
		conn.Close()
		return nil, errors.Join(err, errors.New("handshake"))
	}
	return client, nil
}
