// Package realbugs holds regression tests modelled on conn leaks fixed in
// public Go projects (rewritten here in a few lines each; each names the
// idiom and cites the report). Shapes that closewait deliberately cannot
// follow (shared conns, conns stored in maps) are kept too, marked as
// known misses: they must stay silent rather than guess.
package realbugs

import (
	"bufio"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"time"
)

// handler_return_on_eof_without_close.
// Regression: https://github.com/HDT3213/godis/issues/77
func serveEcho(conn net.Conn, served *int) {
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				*served++ // bookkeeping only
			}
			return // want `conn conn \(owned by this goroutine\) is not closed when r.ReadString fails`
		}
		conn.Write([]byte(line))
	}
}

func echoServer(ln net.Listener, served *int) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go serveEcho(c, served)
	}
}

// handler_return_on_eof_map_bookkeeping: godis also kept each conn in a
// map of active clients. The map store hands the conn over, so this
// variant is a known miss: silent by design (escape = silence).
func serveEchoMap(conn net.Conn, active map[net.Conn]bool) {
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			delete(active, conn)
			return // ok (known miss): the conn is shared through the map
		}
		conn.Write([]byte(line))
	}
}

func echoServerMap(ln net.Listener) {
	active := map[net.Conn]bool{}
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		active[c] = true
		go serveEchoMap(c, active)
	}
}

// accept_goroutine_no_close: the goroutine that owns each accepted conn
// serves it through a helper and never closes it.
// Regression: https://github.com/longhorn/longhorn-engine/pull/1758
func serveOne(c net.Conn) error {
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			return err
		}
	}
}

func dataServer(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go func(c net.Conn) {
			if err := serveOne(c); err != nil && !errors.Is(err, io.EOF) {
				log.Print(err)
			}
		}(conn) // want `conn c \(owned by this goroutine\) is not closed when serveOne fails`
	}
}

// tls_handshake_error_no_close.
// Regression: https://github.com/go-ldap/ldap/issues/24
func dialLDAPS(addr string, cfg *tls.Config) (*tls.Conn, error) {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := tls.Client(raw, cfg)
	if err := c.Handshake(); err != nil {
		return nil, err // want `conn raw from net.Dial is not closed on this path`
	}
	return c, nil
}

// wrap_error_no_close: wrapping the dialed conn fails and the conn is
// dropped. Regression: https://github.com/zmap/zgrab2/pull/743
type timedConn struct {
	net.Conn
	d time.Duration
}

func wrapTimed(c net.Conn, d time.Duration) (*timedConn, error) {
	if d <= 0 {
		return nil, errors.New("timeout must be positive")
	}
	return &timedConn{c, d}, nil
}

func dialTimed(addr string, d time.Duration) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	tc, err := wrapTimed(c, d)
	if err != nil {
		return nil, err // want `conn c from net.Dial is not closed on this path`
	}
	return tc, nil
}

// deadline_setup_error_no_close: the dial succeeded, setting the deadline
// failed. Regression: https://github.com/lib/pq/pull/1388
func dialWithDeadline(d *net.Dialer, addr string, timeout time.Duration) (net.Conn, error) {
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if err := c.SetDeadline(time.Now().Add(timeout)); err != nil {
		return nil, err // want `conn c from d.Dial is not closed on this path`
	}
	return c, nil
}

// new_conn_per_write_never_closed: a conn dialed per message and never
// closed. Regression: https://github.com/concourse/concourse/pull/3132
func sendEvent(addr string, msg []byte) error {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write(msg)
	return err
}

// half_closes_release_nothing: CloseRead and CloseWrite do not free the
// fd. Regression: https://github.com/m13253/pofwd/pull/1
func forwardOnce(addr string, payload []byte) error {
	c, err := net.DialTCP("tcp", nil, &net.TCPAddr{Port: 9})
	if err != nil {
		return err
	}
	c.Write(payload)
	c.CloseWrite()
	io.Copy(io.Discard, c)
	return c.CloseRead() // want `conn c from net.DialTCP is not closed when io.Copy fails`
}

// setup_after_dial_fails: a protocol handshake helper fails after the
// dial. Regression: https://github.com/ClickHouse/clickhouse-go/pull/1934
// and https://github.com/tailscale/tailscale/pull/5707
func hello(c net.Conn) error {
	if _, err := c.Write([]byte("HELLO\n")); err != nil {
		return err
	}
	_, err := bufio.NewReader(c).ReadString('\n')
	return err
}

func dialProto(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if err := hello(c); err != nil {
		return nil, err // want `conn c from net.Dial is not closed when hello fails`
	}
	return c, nil
}

// readfull_error_watcher_goroutine: the reading goroutine returns on EOF
// while a second goroutine closes the conn only on shutdown or a signal
// the first one never sends. Two goroutines share the conn, so neither
// owns it: a known miss, silent by design.
// Regression: https://github.com/elastic/go-lumber/pull/15
func lumberHandle(client net.Conn, shutdown <-chan struct{}) {
	sig := make(chan struct{})
	go func() {
		var first [1]byte
		if _, err := io.ReadFull(client, first[:]); err != nil {
			return // ok (known miss): the conn is shared with the watcher
		}
		close(sig)
	}()
	go func() {
		select {
		case <-shutdown:
		case <-sig:
		}
		client.Close()
	}()
}

// io_copy_proxy_no_close: `go io.Copy(upstream, client)` returns at the
// client's EOF and nobody closes the client. The conn goes to a std
// function started with go: a known miss, silent by design.
// Regression: https://github.com/getlantern/lantern/pull/2441
func pipeData(client, upstream net.Conn) {
	defer upstream.Close()
	go io.Copy(upstream, client) // ok (known miss): handed to a goroutine we cannot see
	io.Copy(client, upstream)
}

// Fixed versions are not reported.

func dialLDAPSFixed(addr string, cfg *tls.Config) (*tls.Conn, error) {
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := tls.Client(raw, cfg)
	if err := c.Handshake(); err != nil {
		c.Close() // ok: closing the tls.Conn closes raw
		return nil, err
	}
	return c, nil
}

func dialTimedFixed(addr string, d time.Duration) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	tc, err := wrapTimed(c, d)
	if err != nil {
		_ = c.Close() // ok
		return nil, err
	}
	return tc, nil // ok: the wrapper owns c and is returned
}
