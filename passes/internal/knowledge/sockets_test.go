package knowledge

import "testing"

func TestNetworkSocket(t *testing.T) {
	for _, tc := range []struct {
		network string
		listen  bool
		want    Socket
		ok      bool
	}{
		{"tcp", false, StreamSocket, true},
		{"tcp6", false, StreamSocket, true},
		{"udp", false, PacketSocket, true},
		{"udp4", false, PacketSocket, true},
		{"ip4:icmp", false, PacketSocket, true},
		{"unixgram", false, PacketSocket, true},
		{"unix", false, UnixSocket, true},
		{"unixpacket", false, UnixSocket, true},
		{"tcp", true, ListenerSocket, true},
		{"bogus", false, 0, false},
	} {
		got, ok := NetworkSocket(tc.network, tc.listen)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NetworkSocket(%q, %v) = %v, %v; want %v, %v", tc.network, tc.listen, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSourceTables(t *testing.T) {
	// Every socket source is a source of the function table, and every
	// listen call is marked so that reconnect leaves it alone.
	for name, src := range socketSources {
		if f, ok := LookupFunc(name); !ok || f.Returns != Conn {
			t.Errorf("%s has a socket kind but is no conn source of the function table", name)
		}
		if src.socket == ListenerSocket && !src.listen {
			t.Errorf("%s makes a listener but is not marked as a listen call", name)
		}
	}
}

func TestIsSourceName(t *testing.T) {
	for name, want := range map[string][2]bool{
		"Dial": {false, true}, "DialContext": {false, true}, "dial": {false, true},
		"Accept": {false, true}, "AcceptStream": {false, true},
		"Listen": {true, true}, "listenPacket": {true, true},
		"Get": {false, false}, "Open": {false, false}, "Redial": {false, false},
	} {
		listen, ok := IsSourceName(name)
		if listen != want[0] || ok != want[1] {
			t.Errorf("IsSourceName(%q) = %v, %v; want %v, %v", name, listen, ok, want[0], want[1])
		}
	}
}
