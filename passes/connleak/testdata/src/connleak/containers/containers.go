// Package containers holds conns owned by maps and sync.Maps: taking one
// out (delete after a lookup, LoadAndDelete) makes the function its last
// owner, and dropping it then leaks it.
package containers

import (
	"errors"
	"net"
	"sync"
)

type pool struct {
	mu    sync.Mutex
	conns map[string]net.Conn
	idle  sync.Map
}

// evict drops the entry and its conn with it.
func (p *pool) evict(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.conns[addr]
	if !ok {
		return
	}
	delete(p.conns, addr) // want `conn c taken out of p.conns is never closed`
	_ = c
}

func (p *pool) evictFixed(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.conns[addr]
	if !ok {
		return
	}
	delete(p.conns, addr)
	c.Close()
}

// closeThenDelete closes before the delete: nothing is lost.
func (p *pool) closeThenDelete(addr string) {
	if c, ok := p.conns[addr]; ok {
		c.Close()
		delete(p.conns, addr)
	}
}

// get probes the pooled conn and redials when the probe fails, dropping
// the dead one without closing it: it stays in CLOSE_WAIT.
func (p *pool) get(addr string) (net.Conn, error) {
	c, ok := p.conns[addr]
	if ok {
		if _, err := c.Write([]byte("ping")); err == nil {
			return c, nil
		}
		delete(p.conns, addr)
		return net.Dial("tcp", addr) // want `conn c taken out of p.conns is not closed on this path`
	}
	return net.Dial("tcp", addr)
}

func (p *pool) getFixed(addr string) (net.Conn, error) {
	c, ok := p.conns[addr]
	if ok {
		if _, err := c.Write([]byte("ping")); err == nil {
			return c, nil
		}
		delete(p.conns, addr)
		c.Close()
	}
	return net.Dial("tcp", addr)
}

// take hands the conn it takes out to its caller, who owns it then.
func (p *pool) take(addr string) (net.Conn, error) {
	c, ok := p.conns[addr]
	if !ok {
		return nil, errors.New("none")
	}
	delete(p.conns, addr)
	return c, nil
}

// useTaken drops what take handed over.
func (p *pool) useTaken(addr string) error {
	c, err := p.take(addr) // want `conn c from p.take is never closed`
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("x"))
	return err
}

// move puts the conn in another map: that map owns it now.
func (p *pool) move(addr string, other map[string]net.Conn) {
	c := p.conns[addr]
	delete(p.conns, addr)
	other[addr] = c
}

// deleteOther deletes from a map the conn was not looked up in.
func (p *pool) deleteOther(addr string, other map[string]net.Conn) {
	c := p.conns[addr]
	delete(other, addr)
	_ = c
}

// deleteOtherKey deletes another key than the one looked up.
func (p *pool) deleteOtherKey(addr, other string) {
	c := p.conns[addr]
	delete(p.conns, other)
	_ = c
}

// deleteFirst deletes before it checks that there was a conn: on the
// !ok path there is none to close.
func (p *pool) deleteFirst(addr string) {
	c, ok := p.conns[addr]
	delete(p.conns, addr)
	if !ok {
		return
	}
	c.Close()
}

// lookupOnly reads the pooled conn and leaves it in the map.
func (p *pool) lookupOnly(addr string) error {
	c, ok := p.conns[addr]
	if !ok {
		return errors.New("none")
	}
	_, err := c.Write([]byte("x"))
	return err
}

// readDead takes the conn out when its read fails and forgets to close
// it: the EOF means the peer closed, and the socket stays in CLOSE_WAIT.
func (p *pool) readDead(addr string) error {
	c, ok := p.conns[addr]
	if !ok {
		return nil
	}
	buf := make([]byte, 1)
	if _, err := c.Read(buf); err != nil {
		delete(p.conns, addr) // want `conn c taken out of p.conns is never closed`
		return err
	}
	return nil
}

// syncEvict takes the conn out of a sync.Map and drops it.
func (p *pool) syncEvict(addr string) {
	v, ok := p.idle.LoadAndDelete(addr) // want `conn v taken out of p.idle is never closed`
	if !ok {
		return
	}
	_ = v.(net.Conn).RemoteAddr()
}

func (p *pool) syncEvictFixed(addr string) {
	v, ok := p.idle.LoadAndDelete(addr)
	if !ok {
		return
	}
	v.(net.Conn).Close()
}

// syncLoadDelete loads, then deletes the same key, then drops the conn.
func (p *pool) syncLoadDelete(addr string) {
	v, ok := p.idle.Load(addr)
	if !ok {
		return
	}
	p.idle.Delete(addr) // want `conn v taken out of p.idle is never closed`
	_ = v.(net.Conn).LocalAddr()
}

func (p *pool) syncLoadDeleteFixed(addr string) {
	v, ok := p.idle.Load(addr)
	if !ok {
		return
	}
	p.idle.Delete(addr)
	v.(net.Conn).Close()
}

// files are not sockets: a map of other closers is not followed.
type files struct {
	m map[string]interface{ Close() error }
}

func (f *files) drop(name string) {
	c := f.m[name]
	delete(f.m, name)
	_ = c
}

// stream is a package's own net.Conn: a stream multiplexed over one
// socket, as smux's are. Its Close removes it from its session's map
// (https://github.com/xtaci/smux session.go streamClosed): a container of
// such values is not followed.
type stream struct{ net.Conn }

type session struct{ streams map[uint32]*stream }

func (s *session) streamClosed(id uint32) {
	st, ok := s.streams[id]
	if !ok {
		return
	}
	_ = st.RemoteAddr()
	delete(s.streams, id)
}

// tcpPool holds std conns: followed.
type tcpPool struct{ m map[string]*net.TCPConn }

func (p *tcpPool) drop(k string) {
	c := p.m[k]
	delete(p.m, k) // want `conn c taken out of p.m is never closed`
	_ = c.RemoteAddr()
}

func keyOf(addr string) string { return addr }

// A lookup by a call's result and a delete by a variable: not visibly the
// same key, so nothing is taken (and comparing them must not crash; the
// shape of grpc's priority balancer).
func (p *pool) evictByCall(addr, other string) {
	c, ok := p.conns[keyOf(addr)]
	if !ok {
		return
	}
	delete(p.conns, other)
	_ = c
}
