package conntrack

import (
	"go/constant"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ssa"
)

// Socket says what kind of socket a tracked conn is: a TCP or unix stream
// conn, a packet socket, a listener. The checks apply to the kinds where
// their bug exists (CLOSE_WAIT needs a stream with a peer), and every
// message names the kind and what it holds.
type Socket = kn.Socket

// The kinds of socket, from the knowledge tables.
const (
	StreamSocket   = kn.StreamSocket
	UnixSocket     = kn.UnixSocket
	PacketSocket   = kn.PacketSocket
	ListenerSocket = kn.ListenerSocket
)

// PeerCloses reports whether the socket kind has a peer whose close the
// owner must notice (the CLOSE_WAIT bug): TCP and unix stream conns.
func PeerCloses(s Socket) bool { return s == StreamSocket || s == UnixSocket }

// SocketOf returns the kind of socket a value of type t holds, as far as
// its type says: *net.UDPConn is a packet socket, net.Listener a listener;
// any other type is a stream conn.
func SocketOf(t types.Type) Socket {
	if s, ok := typeSocket(t); ok {
		return s
	}
	return StreamSocket
}

func typeSocket(t types.Type) (Socket, bool) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if named, ok := types.Unalias(t).(*types.Named); ok && named.Obj().Pkg() != nil {
		if s, ok := kn.TypeSocket(named.Obj().Pkg().Path(), named.Obj().Name()); ok {
			return s, true
		}
	}
	switch {
	case passutil.Implements(t, kn.Net, kn.ConnType):
		return StreamSocket, false
	case passutil.Implements(t, kn.Net, kn.ListenerType):
		return ListenerSocket, true
	case passutil.Implements(t, kn.Net, kn.PacketConnType):
		return PacketSocket, true
	}
	return StreamSocket, false
}

// sockOf returns the kind of socket the source call ce (the call
// instruction call) makes: from the tables, with the network operand
// when it is a constant ("udp" makes net.Dial's conn a packet socket),
// else from the type of its result.
func (c *checker) sockOf(ce callee, call *ssa.Call) Socket {
	if s, arg, ok := kn.SourceSocket(c.key(ce)); ok {
		if arg >= 0 && arg < len(ce.operands) {
			if k, ok := ce.operands[arg].(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.String {
				if ns, ok := kn.NetworkSocket(constant.StringVal(k.Value), s == ListenerSocket); ok {
					return ns
				}
			}
		}
		return s
	}
	if s, ok := typeSocket(resultType(call)); ok {
		return s
	}
	if sum := c.summaryOf(ce); sum != nil && sum.Fresh {
		return sum.Sock // a constructor over a UDP conn makes a packet socket
	}
	return StreamSocket
}

// resultType is the type of result 0 of call.
func resultType(call *ssa.Call) types.Type {
	if tup, ok := call.Type().(*types.Tuple); ok {
		if tup.Len() == 0 {
			return types.NewTuple()
		}
		return tup.At(0).Type()
	}
	return call.Type()
}
