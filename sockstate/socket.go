package sockstate

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
)

// Socket is one row of the kernel's TCP socket table.
type Socket struct {
	// Net is "tcp" for an IPv4 socket (from /proc/net/tcp) and "tcp6" for an
	// IPv6 one (from /proc/net/tcp6), including IPv4-mapped addresses such
	// as ::ffff:127.0.0.1 on a dual-stack socket.
	Net string `json:"net"`
	// State is the TCP state.
	State State `json:"state"`
	// Local is the local address and port; Remote the peer's (the
	// unspecified address and port 0 for a listener).
	Local  netip.AddrPort `json:"local"`
	Remote netip.AddrPort `json:"remote"`
	// Inode identifies the socket; /proc/<pid>/fd/<n> links to
	// "socket:[Inode]". It is 0 when no descriptor refers to the socket any
	// more, as for TIME_WAIT.
	Inode uint64 `json:"inode"`
	// UID is the user id that owns the socket.
	UID uint32 `json:"uid"`
	// TxQueue is the number of bytes the program wrote that the peer has
	// not acknowledged yet (sent or not). RxQueue is the number of bytes
	// received that the program has not read yet; for a listener, the
	// connections waiting to be accepted. In CLOSE_WAIT, RxQueue counts the
	// peer's FIN as one byte.
	TxQueue uint32 `json:"tx_queue"`
	RxQueue uint32 `json:"rx_queue"`
}

// String formats s on one line, for example
// "CLOSE_WAIT 127.0.0.1:8080 -> 127.0.0.1:51234 inode 5718".
func (s Socket) String() string {
	return fmt.Sprintf("%s %s -> %s inode %d", s.State, s.Local, s.Remote, s.Inode)
}

// Compare orders sockets by state (in kernel order), then local address,
// remote address, inode and network. It returns -1, 0 or +1 like
// [cmp.Compare]; [Sockets] and [All] return their results in this order.
func Compare(a, b Socket) int {
	if c := cmp.Compare(a.State, b.State); c != 0 {
		return c
	}
	if c := a.Local.Compare(b.Local); c != 0 {
		return c
	}
	if c := a.Remote.Compare(b.Remote); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Inode, b.Inode); c != 0 {
		return c
	}
	return cmp.Compare(a.Net, b.Net)
}

// tuple identifies a socket by its addresses, for sockets without inode.
type tuple struct {
	net           string
	local, remote netip.AddrPort
}

// sortSockets sorts s in [Compare] order.
func sortSockets(s []Socket) {
	slices.SortFunc(s, Compare)
}
