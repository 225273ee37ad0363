package sockstate

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
)

// minFields is the number of whitespace-separated fields every row of
// /proc/net/tcp{,6} has at least: sl, local_address, rem_address, st,
// tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode. The kernel
// appends more (refcount, pointer, timers) that Parse ignores.
const minFields = 10

// ParseError reports a malformed row of a socket table.
type ParseError struct {
	// Name is the file the row comes from, or "" when unknown.
	Name string
	// Line is the 1-based line number; the header line is line 1.
	Line int
	// Err says what is wrong.
	Err error
}

// Error returns "sockstate: <name>: line <n>: <what is wrong>".
func (e *ParseError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("sockstate: line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("sockstate: %s: line %d: %v", e.Name, e.Line, e.Err)
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads a socket table in the format of /proc/net/tcp or
// /proc/net/tcp6 (both may be mixed) and returns its rows in input order.
// The header line, when present, and blank lines are skipped.
//
// Addresses are decoded in the byte order of the running machine, as the
// kernel prints them: each 32-bit word of an address (one for IPv4, four
// for IPv6) is a native-endian integer in hexadecimal, so 127.0.0.1 reads
// "0100007F" on little-endian machines. Ports are big-endian ("1F90" is
// 8080).
//
// A malformed row (wrong field count, bad hexadecimal, a truncated
// address) yields a *[ParseError] naming its line; Parse never panics.
//
// Parse returns the rows as they are. The kernel does not produce the
// table atomically, so a table read while sockets come and go may list a
// socket twice or miss one; [Sockets] and [All] drop the repeats.
func Parse(r io.Reader) ([]Socket, error) {
	return parse(r, "", binary.NativeEndian)
}

// parse is Parse with the file name for errors and the byte order of the
// address words made explicit, so tests can decode fixtures captured on a
// little-endian machine whatever the host.
func parse(r io.Reader, name string, order binary.ByteOrder) ([]Socket, error) {
	sc := bufio.NewScanner(r)
	var socks []Socket
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue // blank line
		}
		if line == 1 && fields[0] == "sl" {
			continue // header
		}
		s, err := parseRow(fields, order)
		if err != nil {
			return nil, &ParseError{Name: name, Line: line, Err: err}
		}
		socks = append(socks, s)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line too long: %w", err)
		}
		return nil, &ParseError{Name: name, Line: line + 1, Err: err}
	}
	return socks, nil
}

// parseRow decodes the fields of one row, for example
//
//	0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 5711 ...
func parseRow(f []string, order binary.ByteOrder) (Socket, error) {
	var s Socket
	if len(f) < minFields {
		return s, fmt.Errorf("%d fields, want at least %d (truncated line?)", len(f), minFields)
	}
	if !strings.HasSuffix(f[0], ":") {
		return s, fmt.Errorf("slot %q does not end in ':'", f[0])
	}
	var err error
	var net6 bool
	if s.Local, net6, err = parseAddrPort(f[1], order); err != nil {
		return s, fmt.Errorf("local address %q: %w", f[1], err)
	}
	var remote6 bool
	if s.Remote, remote6, err = parseAddrPort(f[2], order); err != nil {
		return s, fmt.Errorf("remote address %q: %w", f[2], err)
	}
	if net6 != remote6 {
		return s, fmt.Errorf("local address %q and remote address %q are of different families", f[1], f[2])
	}
	s.Net = "tcp"
	if net6 {
		s.Net = "tcp6"
	}
	st, err := parseHex(f[3], 2)
	if err != nil {
		return s, fmt.Errorf("state %q: %w", f[3], err)
	}
	s.State = State(st)
	tx, rx, ok := strings.Cut(f[4], ":")
	if !ok {
		return s, fmt.Errorf("queues %q: want tx_queue:rx_queue", f[4])
	}
	if s.TxQueue, err = parseHex32(tx); err != nil {
		return s, fmt.Errorf("tx_queue %q: %w", tx, err)
	}
	if s.RxQueue, err = parseHex32(rx); err != nil {
		return s, fmt.Errorf("rx_queue %q: %w", rx, err)
	}
	uid, err := strconv.ParseUint(f[7], 10, 32)
	if err != nil {
		return s, fmt.Errorf("uid %q: not a decimal number", f[7])
	}
	s.UID = uint32(uid)
	if s.Inode, err = strconv.ParseUint(f[9], 10, 64); err != nil {
		return s, fmt.Errorf("inode %q: not a decimal number", f[9])
	}
	return s, nil
}

// parseAddrPort decodes "ADDR:PORT", where ADDR is 8 (IPv4) or 32 (IPv6)
// hex digits and PORT 4. It also reports whether the address is IPv6.
func parseAddrPort(text string, order binary.ByteOrder) (netip.AddrPort, bool, error) {
	hexAddr, hexPort, ok := strings.Cut(text, ":")
	if !ok {
		return netip.AddrPort{}, false, errors.New("want ADDRESS:PORT")
	}
	port, err := parseHex(hexPort, 4)
	if err != nil {
		return netip.AddrPort{}, false, fmt.Errorf("port: %w", err)
	}
	var b [16]byte
	switch len(hexAddr) {
	case 8, 32:
	default:
		return netip.AddrPort{}, false, fmt.Errorf("address has %d hex digits, want 8 (IPv4) or 32 (IPv6)", len(hexAddr))
	}
	for i := 0; i < len(hexAddr); i += 8 {
		w, err := parseHex32(hexAddr[i : i+8])
		if err != nil {
			return netip.AddrPort{}, false, err
		}
		order.PutUint32(b[i/2:], w)
	}
	if len(hexAddr) == 8 {
		return netip.AddrPortFrom(netip.AddrFrom4([4]byte(b[:4])), uint16(port)), false, nil
	}
	return netip.AddrPortFrom(netip.AddrFrom16(b), uint16(port)), true, nil
}

// parseHex32 decodes up to 8 hex digits.
func parseHex32(s string) (uint32, error) {
	if len(s) == 0 || len(s) > 8 {
		return 0, fmt.Errorf("want 1 to 8 hex digits, have %d", len(s))
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, errors.New("not hexadecimal")
	}
	return uint32(v), nil
}

// parseHex decodes exactly digits hex digits (2 or 4).
func parseHex(s string, digits int) (uint64, error) {
	if len(s) != digits {
		return 0, fmt.Errorf("want %d hex digits, have %d", digits, len(s))
	}
	v, err := strconv.ParseUint(s, 16, 4*digits)
	if err != nil {
		return 0, errors.New("not hexadecimal")
	}
	return v, nil
}
