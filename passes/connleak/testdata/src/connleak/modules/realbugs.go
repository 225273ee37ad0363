package modules

// Regression tests modelled on fixed leaks of module conns in public Go
// projects, each with its fixed twin.

import (
	"context"
	"net"

	framestream "github.com/farsightsec/golang-framestream"
	"github.com/gorilla/websocket"
	"golang.org/x/crypto/ssh"
)

// execCommand is the shape of
// https://github.com/cloudfoundry/bosh-softlayer-cpi-release/issues/143:
// every command dialled a client and closed only the session, leaking
// one TCP conn per command until the director ran out of fds.
func execCommand(addr string, cfg *ssh.ClientConfig) error {
	client, err := ssh.Dial("tcp", addr, cfg) // want `conn client from ssh.Dial is never closed`
	if err != nil {
		return err
	}
	session, err := client.NewSession()
	if err != nil {
		return err
	}
	defer session.Close()
	return nil
}

func execCommandFixed(addr string, cfg *ssh.ClientConfig) error {
	client, err := ssh.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	defer client.Close()
	session, err := client.NewSession()
	if err != nil {
		return err
	}
	defer session.Close()
	return nil
}

// connect is the shape of https://github.com/appleboy/easyssh-proxy/pull/55:
// Connect returned the session and dropped the client that owned the
// conn; the fix returns the client too, for the caller to close.
func connect(addr string, cfg *ssh.ClientConfig) (*ssh.Session, error) {
	client, err := ssh.Dial("tcp", addr, cfg) // want `conn client from ssh.Dial is never closed`
	if err != nil {
		return nil, err
	}
	session, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	return session, nil
}

func connectFixed(addr string, cfg *ssh.ClientConfig) (*ssh.Session, *ssh.Client, error) {
	client, err := ssh.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, nil, err
	}
	session, err := client.NewSession()
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	return session, client, nil
}

type event struct{ Type string }

// handleWS is the shape of https://github.com/mattn/go-mastodon/pull/215:
// the handler returned when ReadJSON failed without closing the conn,
// and its caller reconnected at once: one fd per disconnect.
func handleWS(ctx context.Context, url string, q chan<- event) error {
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
	if err != nil {
		return err
	}
	for {
		var e event
		if err := conn.ReadJSON(&e); err != nil {
			return err // want `conn conn from websocket.DefaultDialer.DialContext is not closed when conn.ReadJSON fails`
		}
		q <- e
	}
}

func handleWSFixed(ctx context.Context, url string, q chan<- event) error {
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
	if err != nil {
		return err
	}
	defer conn.Close()
	for {
		var e event
		if err := conn.ReadJSON(&e); err != nil {
			return err
		}
		q <- e
	}
}

// handleWSWatcher is go-mastodon's real shape before the fix: a
// goroutine closes the conn when ctx ends. It leaked because the caller
// reconnected under the same ctx, which only a whole-program view shows;
// the conn handed to a goroutine that closes it is its owner's business,
// and the function is not reported (a known miss, kept as the boundary).
func handleWSWatcher(ctx context.Context, url string, q chan<- event) error {
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
	for {
		var e event
		if err := conn.ReadJSON(&e); err != nil {
			return err
		}
		q <- e
	}
}

// coredns's dnstap output dialled a socket and wrapped it in a
// framestream encoder; its teardown closed the encoder only, and
// framestream's Close writes the STOP frame without closing the conn
// (https://github.com/coredns/coredns/pull/8224, and #8090 on what that
// fix still leaves open).
type dio struct {
	enc *framestream.Encoder
}

func (d *dio) dial(addr string) error {
	conn, err := net.Dial("tcp", addr) // want `conn conn from net.Dial is never closed`
	if err != nil {
		return err
	}
	enc, err := framestream.NewEncoder(conn, &framestream.EncoderOptions{Bidirectional: true})
	if err != nil {
		return err
	}
	if d.enc != nil {
		d.enc.Close()
	}
	d.enc = enc
	return nil
}

// The twin that keeps the conn beside the encoder and closes both.
type dioFixed struct {
	conn net.Conn
	enc  *framestream.Encoder
}

func (d *dioFixed) close() {
	if d.enc != nil {
		d.enc.Close()
	}
	if d.conn != nil {
		d.conn.Close()
	}
}

func (d *dioFixed) dial(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	enc, err := framestream.NewEncoder(conn, nil)
	if err != nil {
		conn.Close()
		return err
	}
	d.close()
	d.conn, d.enc = conn, enc
	return nil
}
