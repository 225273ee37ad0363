package sockstate

import (
	"fmt"
	"strconv"
	"strings"
)

// State is a TCP socket state, numbered as in the Linux kernel
// (include/net/tcp_states.h) and in the st column of /proc/net/tcp.
type State uint8

// The TCP states, with the kernel's numbering. Their String forms are the
// names netstat prints.
const (
	Established State = 0x01 // ESTABLISHED: open in both directions.
	SynSent     State = 0x02 // SYN_SENT: connecting, SYN sent.
	SynRecv     State = 0x03 // SYN_RECV: SYN received, handshake not finished.
	FinWait1    State = 0x04 // FIN_WAIT1: we closed and sent FIN, not yet acknowledged.
	FinWait2    State = 0x05 // FIN_WAIT2: our FIN is acknowledged, waiting for the peer's FIN.
	TimeWait    State = 0x06 // TIME_WAIT: both sides closed, we closed first; lasts 2*MSL.
	Closed      State = 0x07 // CLOSE: not connected.
	CloseWait   State = 0x08 // CLOSE_WAIT: the peer closed; waiting for this program to call close.
	LastAck     State = 0x09 // LAST_ACK: both closed, the peer first; waiting for the last ACK.
	Listen      State = 0x0A // LISTEN: a listening socket.
	Closing     State = 0x0B // CLOSING: both sides closed at the same time.
)

// name returns the netstat name of a known state, or "" for others. A
// switch rather than a table keeps the package free of mutable variables.
func (s State) name() string {
	switch s {
	case Established:
		return "ESTABLISHED"
	case SynSent:
		return "SYN_SENT"
	case SynRecv:
		return "SYN_RECV"
	case FinWait1:
		return "FIN_WAIT1"
	case FinWait2:
		return "FIN_WAIT2"
	case TimeWait:
		return "TIME_WAIT"
	case Closed:
		return "CLOSE"
	case CloseWait:
		return "CLOSE_WAIT"
	case LastAck:
		return "LAST_ACK"
	case Listen:
		return "LISTEN"
	case Closing:
		return "CLOSING"
	}
	return ""
}

// States returns every known State in kernel order, from [Established] to
// [Closing].
func States() []State {
	s := make([]State, 0, int(Closing))
	for i := Established; i <= Closing; i++ {
		s = append(s, i)
	}
	return s
}

// Known reports whether s is one of the states defined by this package.
func (s State) Known() bool {
	return s >= Established && s <= Closing
}

// String returns the state's name as netstat prints it, such as
// "CLOSE_WAIT", or its number in hexadecimal, such as "0x0C", for a state
// this package does not know.
func (s State) String() string {
	if n := s.name(); n != "" {
		return n
	}
	return fmt.Sprintf("0x%02X", uint8(s))
}

// MarshalText implements encoding.TextMarshaler: the text is String().
func (s State) MarshalText() ([]byte, error) {
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseState].
func (s *State) UnmarshalText(text []byte) error {
	v, err := ParseState(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseState returns the State named by name. Case, dashes and underscores
// do not matter, so "CLOSE_WAIT", "close-wait" and "closewait" are the same
// state, and ss's "FIN-WAIT-2" and "ESTAB" are accepted too. A number written
// as String prints unknown states ("0x0C") is accepted as well.
func ParseState(name string) (State, error) {
	if hex, ok := strings.CutPrefix(strings.ToLower(name), "0x"); ok {
		v, err := strconv.ParseUint(hex, 16, 8)
		if err != nil {
			return 0, fmt.Errorf("sockstate: invalid state number %q", name)
		}
		return State(v), nil
	}
	key := normalizeStateName(name)
	if key == "ESTAB" { // ss's abbreviation
		return Established, nil
	}
	for _, s := range States() {
		if normalizeStateName(s.name()) == key {
			return s, nil
		}
	}
	return 0, fmt.Errorf("sockstate: unknown TCP state %q (want one of %s)", name, stateNameList())
}

// normalizeStateName upper-cases name and drops dashes and underscores.
func normalizeStateName(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(name)))
}

// stateNameList returns the known state names separated by commas.
func stateNameList() string {
	names := make([]string, 0, int(Closing))
	for _, s := range States() {
		names = append(names, s.String())
	}
	return strings.Join(names, ", ")
}
