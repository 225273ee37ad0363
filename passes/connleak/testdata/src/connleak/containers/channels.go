package containers

import (
	"errors"
	"net"
	"time"
)

// A channel field of conns (a pool's idle conns, a server's queue) hands
// each conn to its receiver: from the receive on, the receiver is the
// last owner.

type chanPool struct {
	idle  chan net.Conn
	queue chan *net.TCPConn
}

// get takes an idle conn and drops it when its probe write fails.
func (p *chanPool) get(probe []byte) (net.Conn, error) {
	c := <-p.idle
	if _, err := c.Write(probe); err != nil {
		return nil, err // want `conn c taken out of p.idle is not closed on this path`
	}
	return c, nil
}

func (p *chanPool) getFixed(probe []byte) (net.Conn, error) {
	c := <-p.idle
	if _, err := c.Write(probe); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// put gives the conn back: the channel owns it again.
func (p *chanPool) put(c net.Conn) { p.idle <- c }

// A comma-ok receive: on a closed channel c is nil and there is nothing
// to close.
func (p *chanPool) drain() {
	for {
		c, ok := <-p.idle
		if !ok {
			return
		}
		c.Close()
	}
}

// next takes a queued conn and only logs its address: nobody closes it.
func (p *chanPool) next() string {
	c, ok := <-p.queue // want `conn c taken out of p.queue is never closed`
	if !ok {
		return ""
	}
	return c.RemoteAddr().String()
}

func (p *chanPool) closeAll() {
	for c := range p.queue {
		c.Close()
	}
}

// A select that drops the conn on a failed handshake write.
func (p *chanPool) hello(msg []byte) error {
	select {
	case c := <-p.idle:
		if _, err := c.Write(msg); err != nil {
			return err // want `conn c taken out of p.idle is not closed on this path`
		}
		p.idle <- c
		return nil
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

// A conn received and handed to a handler goroutine leaves with it.
func (p *chanPool) serve(handle func(net.Conn)) {
	for c := range p.idle {
		go handle(c)
	}
}

// A channel parameter may carry anything, in-memory conns of a test
// included: it is not followed.
func drainParam(ch chan net.Conn) int {
	n := 0
	for c := range ch {
		if c != nil {
			n++
		}
	}
	return n
}

// A dial raced against a timeout through a local channel: the received
// conn is the caller's, and the timeout path has none.
func dialTimeout(addr string, d time.Duration) (net.Conn, error) {
	ch := make(chan net.Conn, 1)
	go func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			close(ch)
			return
		}
		ch <- c
	}()
	select {
	case c := <-ch:
		if c == nil {
			return nil, errors.New("dial failed")
		}
		return c, nil
	case <-time.After(d):
		return nil, errors.New("timeout")
	}
}

// A channel field that the package feeds net.Pipe ends carries no
// sockets.
type memServer struct{ conns chan net.Conn }

func (s *memServer) dial() net.Conn {
	a, b := net.Pipe()
	s.conns <- a
	return b
}

func (s *memServer) next() error {
	c := <-s.conns
	if _, err := c.Write([]byte("hi")); err != nil {
		return err
	}
	return c.Close()
}

// A channel of a package's own conn type is not followed (it may be a
// stream multiplexed over one socket).
type muxStream struct{ net.Conn }

type muxSession struct{ accepted chan *muxStream }

func (m *muxSession) dropStreams() {
	for s := range m.accepted {
		_ = s
	}
}

// A listener over a channel field, as muxers and test listeners write
// it: the received conn is returned, the other cases and a closed
// channel have none (soheilhy/cmux muxListener.Accept, fasthttp's
// oneConnListener).
type chanListener struct {
	net.Listener
	connc chan net.Conn
	donec chan struct{}
	sent  chan net.Conn
}

func (l chanListener) Accept() (net.Conn, error) {
	select {
	case c, ok := <-l.connc:
		if !ok {
			return nil, errors.New("listener closed")
		}
		return c, nil
	case <-l.donec:
		return nil, errors.New("server closed")
	}
}

// A send case before the receive: the case numbers count it.
func (l chanListener) swap(c net.Conn, hello []byte) error {
	select {
	case l.sent <- c:
		return nil
	case old := <-l.connc:
		if _, err := old.Write(hello); err != nil {
			return err // want `conn old taken out of l.connc is not closed on this path`
		}
		return old.Close()
	case <-l.donec:
		return errors.New("closed")
	}
}

// A channel field fed with a package's own conn type (grpc's bufconn
// listener sends &conn{...}) carries in-memory conns: not followed.
type memConn struct{ net.Conn }

type bufListener struct{ ch chan net.Conn }

func (l *bufListener) dial() net.Conn {
	l.ch <- &memConn{}
	return &memConn{}
}

func (l *bufListener) next(hello []byte) error {
	c := <-l.ch
	if _, err := c.Write(hello); err != nil {
		return err
	}
	return c.Close()
}
