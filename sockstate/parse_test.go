package sockstate

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// The fixtures in testdata:
//
//   - tcp_loopback, tcp6_loopback: /proc/self/net/tcp{,6} of a process
//     holding loopback sockets in LISTEN, ESTABLISHED (one with unread
//     data), CLOSE_WAIT, FIN_WAIT2 and TIME_WAIT, captured on Linux 6.18
//     amd64 (rows of other processes removed);
//   - tcp6_handmade: global, link-local and IPv4-mapped IPv6 addresses and
//     the remaining states, written in the kernel's format;
//   - malformed_*: a truncated line, bad hex, too few fields;
//   - *.golden: what parse returns for the valid ones (go test -update).
//
// They were captured on a little-endian machine, so they are decoded as
// little-endian whatever the host.
var fixtureOrder = binary.LittleEndian

// parseFixture parses testdata/name.
func parseFixture(t *testing.T, name string) ([]Socket, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return parse(bytes.NewReader(b), name, fixtureOrder)
}

// ap parses an address and port.
func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// describe formats every field of the sockets, one per line.
func describe(socks []Socket) string {
	var b strings.Builder
	for _, s := range socks {
		fmt.Fprintf(&b, "%-4s %v uid=%d tx=%d rx=%d\n", s.Net, s, s.UID, s.TxQueue, s.RxQueue)
	}
	return b.String()
}

func TestParseFixtures(t *testing.T) {
	for _, name := range []string{"tcp_loopback", "tcp6_loopback", "tcp6_handmade"} {
		t.Run(name, func(t *testing.T) {
			socks, err := parseFixture(t, name)
			if err != nil {
				t.Fatal(err)
			}
			got := describe(socks)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("parse(%s) =\n%s\nwant (%s)\n%s", name, got, golden, want)
			}
		})
	}
}

// TestParseLoopback checks rows of the captured IPv4 table field by field,
// independently of the golden file.
func TestParseLoopback(t *testing.T) {
	socks, err := parseFixture(t, "tcp_loopback")
	if err != nil {
		t.Fatal(err)
	}
	if len(socks) != 11 {
		t.Fatalf("%d sockets, want 11", len(socks))
	}
	want := map[int]Socket{
		// 0: 0100007F:AA1D 00000000:0000 0A ... 5711
		0: {Net: "tcp", State: Listen, Local: ap("127.0.0.1:43549"), Remote: ap("0.0.0.0:0"), Inode: 5711},
		// 2: 0100007F:96EC 0100007F:83F1 05 ... inode 0 (closed, not attributable)
		2: {Net: "tcp", State: FinWait2, Local: ap("127.0.0.1:38636"), Remote: ap("127.0.0.1:33777")},
		// 8: 0100007F:AA1D 0100007F:DEC6 06 ... TIME_WAIT
		8: {Net: "tcp", State: TimeWait, Local: ap("127.0.0.1:43549"), Remote: ap("127.0.0.1:57030")},
		// 9: unread data: rx_queue 0000000D
		9: {Net: "tcp", State: Established, Local: ap("127.0.0.1:43549"), Remote: ap("127.0.0.1:57034"), Inode: 5722, RxQueue: 13},
		// 10: 0100007F:AA1D 0100007F:DEB8 08 00000000:00000001 ... 5718
		10: {Net: "tcp", State: CloseWait, Local: ap("127.0.0.1:43549"), Remote: ap("127.0.0.1:57016"), Inode: 5718, RxQueue: 1},
	}
	for i, w := range want {
		if socks[i] != w {
			t.Errorf("row %d = %+v, want %+v", i, socks[i], w)
		}
	}
}

func TestParseIPv6(t *testing.T) {
	socks, err := parseFixture(t, "tcp6_handmade")
	if err != nil {
		t.Fatal(err)
	}
	want := []Socket{
		{Net: "tcp6", State: Listen, Local: ap("[2001:db8::1]:443"), Remote: ap("[::]:0"), Inode: 20001},
		{Net: "tcp6", State: Established, Local: ap("[2001:db8::1]:443"), Remote: ap("[2001:db8::2:c0de]:51000"), Inode: 20002, UID: 1000, TxQueue: 0x200, RxQueue: 0x10},
		{Net: "tcp6", State: CloseWait, Local: ap("[2001:db8::1]:443"), Remote: ap("[2001:db8::2:c0de]:51002"), Inode: 20003, UID: 1000, RxQueue: 1},
		{Net: "tcp6", State: SynSent, Local: ap("[fe80::1c2d:3eff:fe4f:5a6b]:40000"), Remote: ap("[fe80::1]:22"), Inode: 20004, UID: 1000, TxQueue: 1},
		{Net: "tcp6", State: LastAck, Local: ap("[::ffff:10.1.2.3]:8080"), Remote: ap("[::ffff:192.168.1.20]:60000"), Inode: 20005, UID: 33, TxQueue: 1},
		{Net: "tcp6", State: FinWait1, Local: ap("[::1]:5432"), Remote: ap("[::1]:34567"), UID: 999, TxQueue: 1},
		{Net: "tcp6", State: Closing, Local: ap("[::1]:5432"), Remote: ap("[::1]:34568"), UID: 999, TxQueue: 1},
		{Net: "tcp6", State: SynRecv, Local: ap("[2001:db8::1]:443"), Remote: ap("[2001:db8::2:c0de]:51004")},
		{Net: "tcp6", State: TimeWait, Local: ap("[2001:db8::1]:443"), Remote: ap("[2001:db8::2:c0de]:51006")},
	}
	if len(socks) != len(want) {
		t.Fatalf("%d sockets, want %d:\n%s", len(socks), len(want), describe(socks))
	}
	for i := range want {
		if socks[i] != want[i] {
			t.Errorf("row %d = %+v\nwant     %+v", i, socks[i], want[i])
		}
	}
}

func TestParseMalformedFixtures(t *testing.T) {
	tests := []struct {
		name string
		line int
		msg  string
	}{
		{"malformed_truncated", 4, "sockstate: malformed_truncated: line 4: 5 fields, want at least 10 (truncated line?)"},
		{"malformed_badhex", 3, `sockstate: malformed_badhex: line 3: local address "0100007G:96E4": not hexadecimal`},
		{"malformed_fields", 4, "sockstate: malformed_fields: line 4: 8 fields, want at least 10 (truncated line?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			socks, err := parseFixture(t, tt.name)
			if err == nil {
				t.Fatalf("no error; sockets:\n%s", describe(socks))
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line {
				t.Errorf("error %v is not a *ParseError for line %d", err, tt.line)
			}
			if err.Error() != tt.msg {
				t.Errorf("error = %q\nwant    %q", err, tt.msg)
			}
			if socks != nil {
				t.Errorf("sockets returned with the error: %v", socks)
			}
		})
	}
}

func TestParseMalformedRows(t *testing.T) {
	const good = "   0: 0100007F:AA1D 0100007F:DEB8 08 00000000:00000001 02:000005CB 00000000     0        0 5718 2 0000000097f60451 20 4 0 10 -1"
	if _, err := parse(strings.NewReader(good), "", fixtureOrder); err != nil {
		t.Fatalf("good row: %v", err)
	}
	tests := []struct {
		old, new, msg string
	}{
		{"   0:", "   0", `slot "0" does not end in ':'`},
		{"0100007F:AA1D", "0100007FAA1D", `local address "0100007FAA1D": want ADDRESS:PORT`},
		{"0100007F:AA1D", "0100007F:AA1", `local address "0100007F:AA1": port: want 4 hex digits, have 3`},
		{"0100007F:AA1D", "0100007F:AA1G", `local address "0100007F:AA1G": port: not hexadecimal`},
		{"0100007F:AA1D", "00007F:AA1D", `local address "00007F:AA1D": address has 6 hex digits, want 8 (IPv4) or 32 (IPv6)`},
		{"0100007F:AA1D", "+100007F:AA1D", `local address "+100007F:AA1D": not hexadecimal`},
		{"0100007F:DEB8", "0100007x:DEB8", `remote address "0100007x:DEB8": not hexadecimal`},
		{"0100007F:DEB8", "00000000000000000000000001000000:DEB8", `local address "0100007F:AA1D" and remote address "00000000000000000000000001000000:DEB8" are of different families`},
		{" 08 ", " 8 ", `state "8": want 2 hex digits, have 1`},
		{" 08 ", " 0Z ", `state "0Z": not hexadecimal`},
		{"00000000:00000001", "0000000000000001", `queues "0000000000000001": want tx_queue:rx_queue`},
		{"00000000:00000001", "0000000G:00000001", `tx_queue "0000000G": not hexadecimal`},
		{"00000000:00000001", "00000000:", `rx_queue "": want 1 to 8 hex digits, have 0`},
		{"00000000:00000001", "00000000:100000000", `rx_queue "100000000": want 1 to 8 hex digits, have 9`},
		{"     0        0 5718", "    -1        0 5718", `uid "-1": not a decimal number`},
		{" 5718 ", " 0x5718 ", `inode "0x5718": not a decimal number`},
		{" 5718 ", " 99999999999999999999 ", `inode "99999999999999999999": not a decimal number`},
	}
	for _, tt := range tests {
		row := strings.Replace(good, tt.old, tt.new, 1)
		if row == good {
			t.Fatalf("replacing %q changed nothing", tt.old)
		}
		_, err := parse(strings.NewReader(row), "", fixtureOrder)
		want := "sockstate: line 1: " + tt.msg
		if err == nil || err.Error() != want {
			t.Errorf("row %q:\nerror %v\nwant  %s", row, err, want)
		}
	}
}

func TestParseEdges(t *testing.T) {
	const row = "0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 7"
	tests := []struct {
		name, in string
		want     int
	}{
		{"empty", "", 0},
		{"header only", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n", 0},
		{"no header", row + "\n", 1},
		{"no final newline", row, 1},
		{"blank lines", "\n\n" + row + "\n   \n" + row + "\n\n", 2},
		{"CRLF", row + "\r\n" + row + "\r\n", 2},
	}
	for _, tt := range tests {
		socks, err := parse(strings.NewReader(tt.in), "", fixtureOrder)
		if err != nil || len(socks) != tt.want {
			t.Errorf("%s: %d sockets, %v; want %d, nil", tt.name, len(socks), err, tt.want)
		}
	}
	// A header anywhere but on the first line is a malformed row.
	_, err := parse(strings.NewReader(row+"\n  sl  local_address rem_address\n"), "", fixtureOrder)
	if err == nil || !strings.Contains(err.Error(), "line 2: 3 fields") {
		t.Errorf("late header: error %v, want one for line 2", err)
	}
	// A line longer than the scanner's buffer is an error, not a panic.
	_, err = parse(strings.NewReader(row+strings.Repeat(" x", 40000)), "big", fixtureOrder)
	if err == nil || !strings.Contains(err.Error(), "big: line 1: line too long") {
		t.Errorf("long line: error %v", err)
	}
}

// TestParseNativeOrder checks that Parse decodes in the host's byte order:
// the same row means 127.0.0.1 on a little-endian host and 1.0.0.127 on a
// big-endian one.
func TestParseNativeOrder(t *testing.T) {
	socks, err := Parse(strings.NewReader("0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 7"))
	if err != nil {
		t.Fatal(err)
	}
	want := "127.0.0.1:80"
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		want = "1.0.0.127:80" // big-endian host
	}
	if got := socks[0].Local.String(); got != want {
		t.Errorf("Local = %s, want %s", got, want)
	}
}
