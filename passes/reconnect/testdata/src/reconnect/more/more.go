// Package more holds further reconnect cases: sources of every kind,
// select and retry loops, goroutines, and fields set outside methods.
package more

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"time"
)

type session struct {
	mu   sync.Mutex
	addr string
	conn net.Conn
	tcp  *net.TCPConn
}

func (s *session) Close() error {
	s.tcp.Close()
	return s.conn.Close()
}

func redialField(s *session) error {
	nc, err := net.DialTimeout("tcp", s.addr, time.Second)
	if err != nil {
		return err
	}
	s.conn = nc // want `s.conn is given a new conn without closing the old one`
	return nil
}

func (s *session) redialTLS(cfg *tls.Config) error {
	tc, err := tls.Dial("tcp", s.addr, cfg)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn = tc // want `s.conn is given a new conn without closing the old one`
	return nil
}

func (s *session) redialTCP() error {
	c, err := net.DialTCP("tcp", nil, &net.TCPAddr{Port: 1})
	if err != nil {
		return err
	}
	s.tcp = c // want `s.tcp is given a new conn without closing the old one`
	return nil
}

func (s *session) redialNoLock(d *net.Dialer, ctx context.Context) error {
	c, err := d.DialContext(ctx, "tcp", s.addr)
	if err != nil {
		return err
	}
	s.conn = c // want `s.conn is given a new conn without closing the old one`
	return nil
}

func tickerReconnect(ctx context.Context, addr string, tick <-chan time.Time) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	for {
		select {
		case <-ctx.Done():
			c.Close()
			return
		case <-tick:
			if _, err := c.Write([]byte("ping")); err != nil {
				c, err = net.Dial("tcp", addr) // want `c is overwritten by a new conn while the old one may be open`
				if err != nil {
					return
				}
			}
		}
	}
}

func tlsReconnect(addr string, cfg *tls.Config, msgs [][]byte) {
	c, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return
	}
	for _, m := range msgs {
		if _, err := c.Write(m); err != nil {
			c, err = tls.Dial("tcp", addr, cfg) // want `c is overwritten by a new conn while the old one may be open`
			if err != nil {
				return
			}
		}
	}
	c.Close()
}

func handshake(c net.Conn) error {
	_, err := c.Write([]byte("HELLO"))
	return err
}

func retryHandshake(ctx context.Context, d *net.Dialer, addr string) (net.Conn, error) {
	var conn net.Conn
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		conn, err = d.DialContext(ctx, "tcp", addr) // want `conn is made again by the next iteration`
		if err != nil {
			continue
		}
		if err = handshake(conn); err == nil {
			return conn, nil
		}
	}
	return nil, err
}

func goroutineReconnect(addr string, stop <-chan struct{}) {
	go func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		buf := make([]byte, 64)
		for {
			select {
			case <-stop:
				c.Close()
				return
			default:
			}
			if _, err := c.Read(buf); err != nil {
				c, err = net.Dial("tcp", addr) // want `c is overwritten by a new conn while the old one may be open`
				if err != nil {
					return
				}
			}
		}
	}()
}

func acceptTCPOverwrite(ln *net.TCPListener) {
	var last *net.TCPConn
	for {
		c, err := ln.AcceptTCP() // want `c is made again by the next iteration`
		if err != nil {
			return
		}
		last = c
		last.SetNoDelay(true)
	}
}

// Negatives.

func (s *session) redialClosing() error {
	nc, err := net.Dial("tcp", s.addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	old := s.conn
	s.conn = nc // ok: the old conn is taken and closed below
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

func retryClosing(ctx context.Context, d *net.Dialer, addr string) (net.Conn, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		conn, derr := d.DialContext(ctx, "tcp", addr) // ok: closed when the handshake fails
		if derr != nil {
			err = derr
			continue
		}
		if err = handshake(conn); err == nil {
			return conn, nil
		}
		conn.Close()
	}
	return nil, err
}

// shadowedErr mirrors net's TestDialerControlContext (dial_test.go): the
// dial's error goes to a shadowed err, and the outer err tested after the
// switch is always nil, so its continue is never taken and each
// iteration closes its conn.
func shadowedErr(d *net.Dialer, addrs []string) {
	var err error
	for _, a := range addrs {
		var c net.Conn
		switch len(a) {
		case 0:
			host, err := net.ResolveTCPAddr("tcp", a)
			if err != nil {
				continue
			}
			c, err = d.Dial("tcp", host.String()) // ok: the continue below is never taken
		}
		if err != nil {
			continue
		}
		if c != nil {
			c.Close()
		}
	}
}

// A listener stored in a field by the method that listens is a server's,
// made once: it is not a reconnect, even though Close closes the field.
type lserver struct{ ln net.Listener }

func (s *lserver) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}

func (s *lserver) Close() error { return s.ln.Close() }

// A UDP socket bound by ListenPacket is a server's too.
type pserver struct{ pc net.PacketConn }

func (s *pserver) listen(addr string) error {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return err
	}
	s.pc = pc
	return nil
}

func (s *pserver) Close() error { return s.pc.Close() }

// A packet socket from the package's own listen helper, stored once by a
// server's ListenAndServe and closed by its Shutdown, is a server's too
// (miekg/dns Server.ListenAndServe and its listenUDP helper; the false
// report this negative keeps away was seen on miekg/dns v1.1.73
// server.go:359).
type dnsServer struct {
	PacketConn net.PacketConn
	started    bool
}

func listenUDP(addr string) (net.PacketConn, error) {
	var lc net.ListenConfig
	return lc.ListenPacket(context.Background(), "udp", addr)
}

func (srv *dnsServer) ListenAndServe(addr string) error {
	if srv.started {
		return errors.New("started")
	}
	l, err := listenUDP(addr)
	if err != nil {
		return err
	}
	srv.PacketConn = l
	srv.started = true
	return nil
}

func (srv *dnsServer) Shutdown() error { return srv.PacketConn.Close() }
