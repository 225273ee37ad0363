package leakreport

import "github.com/closewait/closewait/passes/internal/conntrack"

// Words is how the messages of every check name one kind of socket and
// say what it loses. It is the one place those words are spelt: the
// checks ask WordsFor instead of building them.
type Words struct {
	// Noun names the socket: "conn", "packet conn", "listener".
	Noun string
	// Held says what an open one holds: "CLOSE_WAIT once the peer
	// closes", "its fd and port stay held".
	Held string
	// PeerGone says what it becomes once a read saw the peer's close
	// ("" for kinds with no peer to close: packet sockets, listeners).
	PeerGone string
}

var words = map[conntrack.Socket]Words{
	conntrack.StreamSocket:   {Noun: "conn", Held: "its fd stays held, CLOSE_WAIT once the peer closes", PeerGone: "it stays in CLOSE_WAIT, holding its fd"},
	conntrack.UnixSocket:     {Noun: "unix conn", Held: "its fd stays held; the peer never reads EOF", PeerGone: "its fd stays held after the peer closed"},
	conntrack.PacketSocket:   {Noun: "packet conn", Held: "its fd and port stay held"},
	conntrack.ListenerSocket: {Noun: "listener", Held: "its port stays held; clients queue unserved"},
}

// WordsFor returns the words for socket kind s.
func WordsFor(s conntrack.Socket) Words {
	if w, ok := words[s]; ok {
		return w
	}
	return words[conntrack.StreamSocket]
}
