// Package kinds tests that every kind of socket is tracked and worded as
// what it is: packet sockets and listeners hold an fd and a port but have
// no peer to close (never closewait), unix conns are streams.
package kinds

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// A UDP socket opened per call and never closed: every call holds one
// more fd and port.
func packetNeverClosed(addr string) error {
	pc, err := net.ListenPacket("udp", addr) // want `packet conn pc from net.ListenPacket is never closed: its fd and port stay held`
	if err != nil {
		return err
	}
	_, err = pc.WriteTo([]byte("ping"), nil)
	return err
}

// A failed read on a UDP conn is no peer close: connleak reports the
// exit, in packet words, and closewait (run together here) does not.
func dialUDPReadFails(raddr *net.UDPAddr) error {
	c, err := net.DialUDP("udp", nil, raddr)
	if err != nil {
		return err
	}
	buf := make([]byte, 512)
	if _, err := c.Read(buf); err != nil {
		return err // want `packet conn c from net.DialUDP is not closed when c.Read fails \(line \d+\): its fd and port stay held`
	}
	return c.Close()
}

// net.Dial on a constant "udp" network makes a packet socket too.
func dialUDPNetwork(addr string) error {
	c, err := net.Dial("udp4", addr)
	if err != nil {
		return err
	}
	if _, err := c.Read(make([]byte, 64)); err != nil {
		return err // want `packet conn c from net.Dial is not closed when c.Read fails \(line \d+\): its fd and port stay held`
	}
	return c.Close()
}

func listenUDPClosed(laddr *net.UDPAddr) error {
	c, err := net.ListenUDP("udp", laddr)
	if err != nil {
		return err
	}
	defer c.Close()
	_, _, err = c.ReadFromUDP(make([]byte, 64))
	return err
}

func listenConfigPacket(ctx context.Context, lc *net.ListenConfig, addr string) (net.PacketConn, error) {
	pc, err := lc.ListenPacket(ctx, "udp", addr)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err // want `packet conn pc from lc.ListenPacket is not closed on this path: its fd and port stay held`
	}
	return pc, nil
}

// A unix stream conn whose read fails is the CLOSE_WAIT bug of unix
// sockets: the closewait check reports it.
func unixReadFails(path string) error {
	c, err := net.Dial("unix", path)
	if err != nil {
		return err
	}
	if _, err := c.Read(make([]byte, 64)); err != nil {
		return err // want `unix conn c from net.Dial is not closed when c.Read fails \(line \d+\): its fd stays held after the peer closed`
	}
	return c.Close()
}

// A TCP conn whose read fails keeps its CLOSE_WAIT words.
func tcpReadFails(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Read(make([]byte, 64)); err != nil {
		return err // want `conn c from net.Dial is not closed when c.Read fails \(line \d+\): it stays in CLOSE_WAIT`
	}
	return c.Close()
}

// A listener never closed holds its port.
func listenerNeverClosed(addr string) string {
	ln, err := net.Listen("tcp", addr) // want `listener ln from net.Listen is never closed: its port stays held; clients queue unserved`
	if err != nil {
		return ""
	}
	return ln.Addr().String()
}

func listenerErrorPath(addr string, cfg *tls.Config) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	if cfg == nil {
		return nil, net.ErrClosed // want `listener ln from net.Listen is not closed on this path: its port stays held`
	}
	return tls.NewListener(ln, cfg), nil
}

func listenTCPAccepts(laddr *net.TCPAddr) error {
	ln, err := net.ListenTCP("tcp", laddr)
	if err != nil {
		return err
	}
	c, err := ln.AcceptTCP()
	if err != nil {
		return err // want `listener ln from net.ListenTCP is not closed on this path`
	}
	c.Close()
	return ln.Close()
}

// Negatives: closed, returned, handed to Serve (which closes it).

func listenerDeferClosed(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	return c.Close()
}

func listenerServed(addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return http.Serve(ln, h)
}

func listenerServedByServer(srv *http.Server, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return srv.Serve(ln)
}

func listenerReturned(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return ln, nil
}

func listenerInGoroutine(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		defer ln.Close()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return nil
}

func packetDeadlineClosed(addr string) error {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return err
	}
	defer pc.Close()
	pc.SetReadDeadline(time.Now().Add(time.Second))
	_, _, err = pc.ReadFrom(make([]byte, 64))
	return err
}
