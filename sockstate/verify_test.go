package sockstate

import (
	"errors"
	"fmt"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a testing.TB that records failures and skips instead of
// reporting them. Its FailNow and Skipf end the calling goroutine, like
// the real ones, so helpers must be called through record.
type recorder struct {
	testing.TB
	mu      sync.Mutex
	errs    []string
	failed  bool // FailNow was called
	skipped bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) FailNow() {
	r.mu.Lock()
	r.failed = true
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.FailNow()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.mu.Lock()
	r.skipped = true
	r.mu.Unlock()
	runtime.Goexit()
}

// record runs f with a recorder on its own goroutine, so that FailNow and
// Skipf end only f.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

// readings is an Option that replaces /proc with the given readings, one
// per call, repeating the last; *calls counts the readings made.
func readings(calls *int, list ...[]Socket) Option {
	return optionFunc(func(c *config) {
		c.read = func() ([]Socket, error) {
			i := min(*calls, len(list)-1)
			*calls++
			return append([]Socket(nil), list[i]...), nil
		}
	})
}

// readErr is an Option that makes every reading fail with err.
func readErr(err error) Option {
	return optionFunc(func(c *config) {
		c.read = func() ([]Socket, error) { return nil, err }
	})
}

var (
	sListen = Socket{Net: "tcp", State: Listen, Local: ap("127.0.0.1:8080"), Remote: ap("0.0.0.0:0"), Inode: 10}
	sEst    = Socket{Net: "tcp", State: Established, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50001"), Inode: 11}
	sCW1    = Socket{Net: "tcp", State: CloseWait, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50002"), Inode: 12}
	sCW2    = Socket{Net: "tcp6", State: CloseWait, Local: ap("[::ffff:10.0.0.1]:9000"), Remote: ap("[::ffff:10.0.0.2]:50003"), Inode: 13}
)

func TestVerifyNoCloseWaitRetries(t *testing.T) {
	calls := 0
	r := record(t, func(tb testing.TB) {
		VerifyNoCloseWait(tb, readings(&calls, []Socket{sListen, sCW1}, []Socket{sListen, sCW1}, []Socket{sListen}), MaxWait(5*time.Second))
	})
	if len(r.errs) != 0 || r.failed || r.skipped {
		t.Errorf("errors %q, failed %v, skipped %v; want none", r.errs, r.failed, r.skipped)
	}
	if calls != 4 {
		t.Errorf("%d readings, want 4 (stop once two readings in a row show no CLOSE_WAIT)", calls)
	}
}

func TestVerifyNoCloseWaitReports(t *testing.T) {
	calls := 0
	start := time.Now()
	r := record(t, func(tb testing.TB) {
		VerifyNoCloseWait(tb, PID(42), readings(&calls, []Socket{sListen, sEst, sCW1, sCW2}), MaxWait(30*time.Millisecond))
	})
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("gave up after %v, before MaxWait", d)
	}
	if calls < 2 {
		t.Errorf("%d readings, want several", calls)
	}
	want := "sockstate: pid 42 holds 2 TCP sockets in CLOSE_WAIT after 30ms: the peer closed them and Close was never called:\n" +
		"\tCLOSE_WAIT 127.0.0.1:8080 -> 127.0.0.1:50002 inode 12\n" +
		"\tCLOSE_WAIT [::ffff:10.0.0.1]:9000 -> [::ffff:10.0.0.2]:50003 inode 13"
	if len(r.errs) != 1 || r.errs[0] != want {
		t.Errorf("errors %q\nwant %q", r.errs, want)
	}
}

func TestOptionsFilter(t *testing.T) {
	all := []Socket{sListen, sEst, sCW1, sCW2}
	tests := []struct {
		name string
		opts []Option
		want int // CLOSE_WAIT sockets reported
	}{
		{"none", nil, 2},
		{"IgnorePorts local", []Option{IgnorePorts(8080)}, 1},
		{"IgnorePorts remote", []Option{IgnorePorts(50003, 1)}, 1},
		{"IgnorePorts both", []Option{IgnorePorts(8080), IgnorePorts(9000)}, 0},
		{"IgnoreAddrs mapped", []Option{IgnoreAddrs(netip.MustParseAddr("10.0.0.2"))}, 1},
		{"IgnoreAddrs loopback", []Option{IgnoreAddrs(netip.MustParseAddr("127.0.0.1"))}, 1},
		{"Ignore", []Option{Ignore(func(s Socket) bool { return s.Inode == 12 })}, 1},
		{"Only", []Option{Only(func(s Socket) bool { return s.Net == "tcp6" })}, 1},
		{"Only and", []Option{Only(func(s Socket) bool { return s.Net == "tcp6" }), Only(func(s Socket) bool { return s.Inode == 12 })}, 0},
		{"nil option", []Option{nil}, 2},
	}
	for _, tt := range tests {
		calls := 0
		opts := append([]Option{readings(&calls, all), MaxWait(0)}, tt.opts...)
		r := record(t, func(tb testing.TB) { VerifyNoCloseWait(tb, opts...) })
		got := 0
		if len(r.errs) == 1 {
			got = strings.Count(r.errs[0], "\n\t")
		}
		if got != tt.want || len(r.errs) > 1 {
			t.Errorf("%s: reported %d sockets (%q), want %d", tt.name, got, r.errs, tt.want)
		}
		if calls != 1 {
			t.Errorf("%s: %d readings with MaxWait(0), want 1", tt.name, calls)
		}
		if n := record(t, func(tb testing.TB) { got = Count(tb, CloseWait, opts...) }); got != tt.want || n.failed {
			t.Errorf("%s: Count = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestVerifyNone(t *testing.T) {
	calls := 0
	r := record(t, func(tb testing.TB) {
		VerifyNone(tb, PID(7), readings(&calls, []Socket{sListen, sEst}, []Socket{sListen}), MaxWait(20*time.Millisecond))
	})
	want := "sockstate: pid 7 holds 1 TCP socket still open after 20ms:\n\tLISTEN 127.0.0.1:8080 -> 0.0.0.0:0 inode 10"
	if len(r.errs) != 1 || r.errs[0] != want {
		t.Errorf("errors %q\nwant %q", r.errs, want)
	}
	calls = 0
	r = record(t, func(tb testing.TB) {
		VerifyNone(tb, readings(&calls, []Socket{sListen}, nil), MaxWait(5*time.Second))
	})
	if len(r.errs) != 0 {
		t.Errorf("errors %q, want none once the listener is gone", r.errs)
	}
}

func TestSnapshot(t *testing.T) {
	tw := Socket{Net: "tcp", State: TimeWait, Local: sEst.Local, Remote: sEst.Remote}
	newTW := Socket{Net: "tcp", State: TimeWait, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50009")}
	newEst := Socket{Net: "tcp", State: Established, Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:50010"), Inode: 99}
	cw := sEst
	cw.State = CloseWait // same inode: the baseline's socket, in a new state

	// Snapshot reads twice and keeps both readings: sEst, missed by the
	// first, is in the baseline.
	calls := 0
	var snap *Baseline
	record(t, func(tb testing.TB) {
		snap = Snapshot(tb, PID(42), readings(&calls, []Socket{sListen}, []Socket{sEst}, []Socket{sListen, tw, cw, newEst, newTW}), MaxWait(10*time.Millisecond))
	})
	r := record(t, func(tb testing.TB) { snap.VerifyNoNew(tb) })
	want := "sockstate: pid 42 holds 2 TCP sockets opened since the snapshot, still open after 10ms:\n" +
		"\tESTABLISHED 127.0.0.1:8080 -> 127.0.0.1:50010 inode 99\n" +
		"\tTIME_WAIT 127.0.0.1:8080 -> 127.0.0.1:50009 inode 0"
	if len(r.errs) != 1 || r.errs[0] != want {
		t.Errorf("errors %q\nwant %q", r.errs, want)
	}
	// Options given to VerifyNoNew add to those of Snapshot.
	r = record(t, func(tb testing.TB) {
		snap.VerifyNoNew(tb, Only(func(s Socket) bool { return s.State == Established }))
	})
	if len(r.errs) != 1 || strings.Count(r.errs[0], "\n\t") != 1 || !strings.Contains(r.errs[0], "inode 99") {
		t.Errorf("errors %q, want only the new ESTABLISHED socket", r.errs)
	}
}

func TestCountAndWaitCount(t *testing.T) {
	calls := 0
	// A reading that shows the count wanted once (a row missed or
	// repeated while the table was read) does not end the wait.
	opt := readings(&calls, []Socket{sCW1}, []Socket{sCW1, sCW2}, []Socket{sCW2}, []Socket{sCW1, sCW2}, []Socket{sCW1, sCW2}, []Socket{sCW2})
	var got int
	record(t, func(tb testing.TB) { got = WaitCount(tb, CloseWait, 2, opt, MaxWait(5*time.Second)) })
	if got != 2 || calls != 5 {
		t.Errorf("WaitCount = %d after %d readings, want 2 after 5", got, calls)
	}
	record(t, func(tb testing.TB) { got = WaitCount(tb, CloseWait, 5, opt, MaxWait(10*time.Millisecond)) })
	if got != 1 {
		t.Errorf("WaitCount for a count never reached = %d, want the last count 1", got)
	}
	record(t, func(tb testing.TB) { got = Count(tb, Listen, opt) })
	if got != 0 {
		t.Errorf("Count(Listen) = %d, want 0", got)
	}
}

func TestHelpersReadErrors(t *testing.T) {
	unsupported := fmt.Errorf("sockstate: no /proc here: %w", errors.ErrUnsupported)
	broken := errors.New("sockstate: /proc/42/net/tcp: line 3: bad")
	helpers := map[string]func(tb testing.TB, opts ...Option){
		"VerifyNoCloseWait": VerifyNoCloseWait,
		"VerifyNone":        VerifyNone,
		"Snapshot":          func(tb testing.TB, opts ...Option) { Snapshot(tb, opts...) },
		"Count":             func(tb testing.TB, opts ...Option) { Count(tb, CloseWait, opts...) },
		"WaitCount":         func(tb testing.TB, opts ...Option) { WaitCount(tb, CloseWait, 0, opts...) },
		"VerifyNoNew": func(tb testing.TB, opts ...Option) {
			(&Baseline{opts: opts}).VerifyNoNew(tb)
		},
	}
	for name, h := range helpers {
		r := record(t, func(tb testing.TB) { h(tb, readErr(unsupported)) })
		if !r.skipped || len(r.errs) != 0 {
			t.Errorf("%s on an unsupported system: skipped %v, errors %q; want a skip", name, r.skipped, r.errs)
		}
		r = record(t, func(tb testing.TB) { h(tb, readErr(broken)) })
		if r.skipped || len(r.errs) != 1 || r.errs[0] != broken.Error() {
			t.Errorf("%s on a read error: skipped %v, errors %q; want %q", name, r.skipped, r.errs, broken)
		}
	}
}
