package sockstate

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestStateString(t *testing.T) {
	want := map[State]string{
		Established: "ESTABLISHED",
		SynSent:     "SYN_SENT",
		SynRecv:     "SYN_RECV",
		FinWait1:    "FIN_WAIT1",
		FinWait2:    "FIN_WAIT2",
		TimeWait:    "TIME_WAIT",
		Closed:      "CLOSE",
		CloseWait:   "CLOSE_WAIT",
		LastAck:     "LAST_ACK",
		Listen:      "LISTEN",
		Closing:     "CLOSING",
		0:           "0x00",
		0x0C:        "0x0C",
		0xFF:        "0xFF",
	}
	for s, name := range want {
		if got := s.String(); got != name {
			t.Errorf("State(%d).String() = %q, want %q", uint8(s), got, name)
		}
	}
	if got := len(States()); got != 11 {
		t.Errorf("len(States()) = %d, want 11", got)
	}
	for i, s := range States() {
		if int(s) != i+1 || !s.Known() {
			t.Errorf("States()[%d] = %v, want known state %d", i, s, i+1)
		}
	}
}

func TestParseState(t *testing.T) {
	tests := []struct {
		in   string
		want State
	}{
		{"CLOSE_WAIT", CloseWait},
		{"close_wait", CloseWait},
		{"close-wait", CloseWait},
		{"CloseWait", CloseWait},
		{" TIME_WAIT ", TimeWait},
		{"FIN_WAIT2", FinWait2},
		{"FIN-WAIT-2", FinWait2}, // ss
		{"fin_wait_1", FinWait1},
		{"ESTAB", Established}, // ss
		{"established", Established},
		{"SYN-RECV", SynRecv},
		{"LISTEN", Listen},
		{"CLOSE", Closed},
		{"LAST_ACK", LastAck},
		{"closing", Closing},
		{"0x0C", 0x0C},
		{"0x08", CloseWait},
	}
	for _, tt := range tests {
		got, err := ParseState(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseState(%q) = %v, %v; want %v, nil", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "WAIT", "CLOSE_WAITING", "0x", "0x100", "0xZZ", "8"} {
		if got, err := ParseState(bad); err == nil {
			t.Errorf("ParseState(%q) = %v, nil; want an error", bad, got)
		}
	}
	_, err := ParseState("WAIT")
	if err == nil || !strings.Contains(err.Error(), "CLOSE_WAIT") {
		t.Errorf("ParseState error %q does not list the valid names", err)
	}
}

func TestStateRoundTrip(t *testing.T) {
	for i := range 256 {
		s := State(i)
		got, err := ParseState(s.String())
		if err != nil || got != s {
			t.Errorf("ParseState(%q) = %v, %v; want %v", s.String(), got, err, s)
		}
	}
}

func TestStateJSON(t *testing.T) {
	b, err := json.Marshal([]State{CloseWait, 0x0C})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `["CLOSE_WAIT","0x0C"]`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	var back []State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0] != CloseWait || back[1] != 0x0C {
		t.Errorf("json.Unmarshal = %v", back)
	}
	var s State
	if err := json.Unmarshal([]byte(`"NOPE"`), &s); err == nil {
		t.Error("json.Unmarshal of an unknown state name: no error")
	}
}
