// Package holderlib returns its sockets behind interfaces of its own: a
// Connection over a UDP conn and a Stream over a TCP conn. The summary
// of each constructor, exported as a fact, says what every method of the
// interface does with the boxed value, so that callers in other packages
// (package holders) track the interface like the conn it holds.
package holderlib

import (
	"errors"
	"net"
)

// Connection is the package's own transport interface.
type Connection interface {
	Send(b []byte) error
	Close() error
}

type udpConn struct{ c *net.UDPConn }

func (u *udpConn) Send(b []byte) error { // want Send:"borrowsParam\\(0\\)"
	_, err := u.c.Write(b)
	return err
}

func (u *udpConn) Close() error { return u.c.Close() } // want Close:"closesParam\\(0\\)"

// NewConnection dials a UDP peer.
func NewConnection(addr *net.UDPAddr) (Connection, error) { // want NewConnection:"freshConn methods\\(Close:close,Send:borrow\\) socket\\(packet\\)"
	c, err := net.DialUDP("udp", nil, addr)
	if err != nil {
		return nil, err
	}
	return &udpConn{c: c}, nil
}

// Stream is a framed TCP stream.
type Stream interface {
	ReadFrame() ([]byte, error)
	Detach() net.Conn
	Close() error
}

type tcpStream struct{ conn net.Conn }

func (t *tcpStream) ReadFrame() ([]byte, error) { // want ReadFrame:"borrowsParam\\(0\\) readsParam\\(0\\)"
	buf := make([]byte, 512)
	n, err := t.conn.Read(buf)
	return buf[:n], err
}

// Detach hands the conn to the caller: the stream no longer owns it.
// Its result aliases the receiver, so the fact lists no role for it and
// a caller's s.Detach() is an escape.
func (t *tcpStream) Detach() net.Conn { // want Detach:"aliasesParam\\(0\\)"
	c := t.conn
	t.conn = nil
	return c
}

func (t *tcpStream) Close() error { return t.conn.Close() } // want Close:"closesParam\\(0\\)"

// DialStream dials a TCP stream.
func DialStream(addr string) (Stream, error) { // want DialStream:"freshConn methods\\(Close:close,ReadFrame:borrow\\+read\\)"
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &tcpStream{conn: c}, nil
}

type memConn struct{}

func (memConn) Send([]byte) error { return nil } // want Send:"borrowsParam\\(0\\) nilErr"
func (memConn) Close() error      { return nil } // want Close:"borrowsParam\\(0\\) nilErr"

// OpenAny returns either kind of Connection: which methods run is not
// known, so its summary lists none.
func OpenAny(addr *net.UDPAddr, mem bool) (Connection, error) { // want OpenAny:"freshConn socket\\(packet\\)"
	if mem {
		return memConn{}, nil
	}
	c, err := net.DialUDP("udp", nil, addr)
	if err != nil {
		return nil, errors.New("dial")
	}
	return &udpConn{c: c}, nil
}

// Sender is a statsd-style sender over a UDP socket, modelled on
// cactus/go-statsd-client, whose NewSimpleSender leaked the socket when
// the address did not resolve
// (https://github.com/cactus/go-statsd-client/pull/34). This is the
// fixed constructor; package holders has the caller side.
type Sender interface {
	Send(data []byte) (int, error)
	Close() error
}

type simpleSender struct {
	c  net.PacketConn
	ra *net.UDPAddr
}

func (s *simpleSender) Send(data []byte) (int, error) { // want Send:"borrowsParam\\(0\\)"
	return s.c.WriteTo(data, s.ra)
}

func (s *simpleSender) Close() error { return s.c.Close() } // want Close:"closesParam\\(0\\)"

// NewSimpleSender returns a sender to addr.
func NewSimpleSender(addr string) (Sender, error) { // want NewSimpleSender:"freshConn methods\\(Close:close,Send:borrow\\) socket\\(packet\\)"
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
