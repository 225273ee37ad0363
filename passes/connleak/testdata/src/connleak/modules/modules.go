// Package modules exercises the module table: conn wrappers of
// third-party modules (websocket conns, ssh clients, KCP
// and QUIC sessions) tracked as the conns they own.
package modules

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"

	coder "github.com/coder/websocket"
	"github.com/gorilla/websocket"
	"github.com/quic-go/quic-go"
	kcp "github.com/xtaci/kcp-go/v5"
	"golang.org/x/crypto/ssh"
)

// wsReadLoop returns on the first failed read and never closes its conn:
// the TCP conn under it stays in CLOSE_WAIT once the server goes away.
func wsReadLoop(url string) error {
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return err
	}
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			return err // want `conn c from websocket.DefaultDialer.Dial is not closed when c.ReadMessage fails`
		}
		log.Printf("%s", msg)
	}
}

func wsReadLoopFixed(url string) error {
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			return err
		}
		log.Printf("%s", msg)
	}
}

var upgrader = websocket.Upgrader{}

// echo is the handler of a websocket server that returns when the client
// goes away, leaving the upgraded conn open.
func echo(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	for {
		mt, msg, err := c.ReadMessage()
		if err != nil {
			return // want `conn c from upgrader.Upgrade is not closed when c.ReadMessage fails`
		}
		c.WriteMessage(mt, msg)
	}
}

func echoFixed(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	for {
		mt, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		c.WriteMessage(mt, msg)
	}
}

// client is the chat example's shape: the conn goes to a hub that owns
// it from then on.
type client struct {
	conn *websocket.Conn
	send chan []byte
}

func serveHub(register chan<- *client, w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	cl := &client{conn: c, send: make(chan []byte)}
	register <- cl
}

// closeUnderlying closes the net.Conn under the websocket conn: that
// closes the socket too.
func closeUnderlying(url string) {
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return
	}
	defer c.UnderlyingConn().Close()
	c.WriteMessage(1, nil)
}

// coderNeverClosed writes one message and drops the conn.
func coderNeverClosed(ctx context.Context, url string) error {
	c, _, err := coder.Dial(ctx, url, nil) // want `conn c from coder.Dial is never closed`
	if err != nil {
		return err
	}
	return c.Write(ctx, 1, []byte("hi"))
}

func coderClosed(ctx context.Context, url string) error {
	c, _, err := coder.Dial(ctx, url, nil)
	if err != nil {
		return err
	}
	defer c.Close(coder.StatusNormalClosure, "")
	return c.Write(ctx, 1, []byte("hi"))
}

func coderCloseNow(ctx context.Context, url string) error {
	c, _, err := coder.Dial(ctx, url, nil)
	if err != nil {
		return err
	}
	defer c.CloseNow()
	return c.Write(ctx, 1, []byte("hi"))
}

// coderReadFails returns on a failed read without closing: the read may
// have closed the conn (a close frame, the context's end), so the path
// is not reported.
func coderReadFails(ctx context.Context, url string) error {
	c, _, err := coder.Dial(ctx, url, nil)
	if err != nil {
		return err
	}
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return err
		}
	}
}

// sshRun leaks the client when a session cannot be opened.
func sshRun(addr string, cfg *ssh.ClientConfig) error {
	cl, err := ssh.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	s, err := cl.NewSession()
	if err != nil {
		return err // want `conn cl from ssh.Dial is not closed on this path`
	}
	defer cl.Close()
	return s.Close()
}

func sshRunFixed(addr string, cfg *ssh.ClientConfig) error {
	cl, err := ssh.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	defer cl.Close()
	s, err := cl.NewSession()
	if err != nil {
		return err
	}
	return s.Close()
}

// sshOverConn is ssh.Dial by hand: NewClientConn closes the conn when
// the handshake fails, and the client returned owns it.
func sshOverConn(addr string, cfg *ssh.ClientConfig) (*ssh.Client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, cfg)
	if err != nil {
		return nil, err
	}
	return ssh.NewClient(c, chans, reqs), nil
}

// sshDropConn drops the ssh conn made over a fresh TCP conn.
func sshDropConn(addr string, cfg *ssh.ClientConfig) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c, _, _, err := ssh.NewClientConn(conn, addr, cfg) // want `conn c from ssh.NewClientConn is never closed`
	if err != nil {
		return err
	}
	_ = c
	return errors.New("no")
}

// kcpRead returns when a read fails, leaving the session's UDP socket
// open.
func kcpRead(addr string) error {
	s, err := kcp.DialWithOptions(addr, nil, 10, 3)
	if err != nil {
		return err
	}
	buf := make([]byte, 1500)
	for {
		if _, err := s.Read(buf); err != nil {
			return err // want `packet conn s from kcp.DialWithOptions is not closed when s.Read fails`
		}
	}
}

func kcpReadFixed(addr string) error {
	s, err := kcp.DialWithOptions(addr, nil, 10, 3)
	if err != nil {
		return err
	}
	defer s.Close()
	buf := make([]byte, 1500)
	for {
		if _, err := s.Read(buf); err != nil {
			return err
		}
	}
}

// quicOpen leaks the QUIC conn (and its UDP socket) when no stream opens.
func quicOpen(ctx context.Context, addr string) (*quic.Stream, error) {
	c, err := quic.DialAddr(ctx, addr, nil, nil) // want `packet conn c from quic.DialAddr is never closed`
	if err != nil {
		return nil, err
	}
	st, err := c.OpenStreamSync(ctx)
	if err != nil {
		return nil, err
	}
	return st, nil
}

func quicOpenFixed(ctx context.Context, addr string) (*quic.Conn, *quic.Stream, error) {
	c, err := quic.DialAddr(ctx, addr, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	st, err := c.OpenStreamSync(ctx)
	if err != nil {
		c.CloseWithError(0, "")
		return nil, nil, err
	}
	return c, st, nil
}

// quicListen returns on the first failed accept without closing its
// listener: the UDP port stays bound.
func quicListen(ctx context.Context, addr string) error {
	ln, err := quic.ListenAddr(addr, nil, nil) // want `listener ln from quic.ListenAddr is never closed`
	if err != nil {
		return err
	}
	c, err := ln.Accept(ctx)
	if err != nil {
		return err
	}
	return c.CloseWithError(0, "")
}

func quicListenFixed(ctx context.Context, addr string) error {
	ln, err := quic.ListenAddr(addr, nil, nil)
	if err != nil {
		return err
	}
	defer ln.Close()
	c, err := ln.Accept(ctx)
	if err != nil {
		return err
	}
	return c.CloseWithError(0, "")
}

// kcpListen returns without closing its listener.
func kcpListen(addr string) error {
	ln, err := kcp.ListenWithOptions(addr, nil, 10, 3) // want `listener ln from kcp.ListenWithOptions is never closed`
	if err != nil {
		return err
	}
	s, err := ln.AcceptKCP()
	if err != nil {
		return err
	}
	return s.Close()
}
