package sockstate

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// DefaultMaxWait is how long the test helpers wait, by default, for the
// sockets to reach the expected state before they report.
const DefaultMaxWait = time.Second

// maxPollInterval caps the pause between two readings of the socket tables.
const maxPollInterval = 50 * time.Millisecond

// An Option configures the test helpers ([VerifyNoCloseWait], [VerifyNone],
// [Snapshot], [Count], [WaitCount]).
type Option interface {
	apply(*config)
}

// optionFunc adapts a function to Option.
type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// config is the state the options build for one helper call.
type config struct {
	pid     int
	all     bool
	maxWait time.Duration
	ignore  []func(Socket) bool
	only    []func(Socket) bool
	// read, when set, replaces the reading of /proc (tests).
	read func() ([]Socket, error)
}

// newConfig applies opts to the defaults: this process, DefaultMaxWait.
func newConfig(opts []Option) *config {
	c := &config{pid: os.Getpid(), maxWait: DefaultMaxWait}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	return c
}

// PID makes the helpers look at the sockets of process pid instead of the
// calling process: for example a server the test started with os/exec.
func PID(pid int) Option {
	return optionFunc(func(c *config) { c.pid = pid })
}

// AllSockets makes the helpers look at every TCP socket of the network
// namespace, as [All] lists them, instead of only the sockets the process
// holds. Use it to count TIME_WAIT sockets, which belong to no process;
// combine it with [Only] to pick the test's own connections.
func AllSockets() Option {
	return optionFunc(func(c *config) { c.all = true })
}

// MaxWait sets how long the helpers keep reading the socket tables until
// they see what they expect (DefaultMaxWait by default). Closing is
// asynchronous, so a check made at once may see a socket a goroutine is
// about to close. A zero or negative d means a single reading.
func MaxWait(d time.Duration) Option {
	return optionFunc(func(c *config) { c.maxWait = d })
}

// IgnorePorts makes the helpers skip sockets whose local or remote port is
// one of ports.
func IgnorePorts(ports ...uint16) Option {
	ports = slices.Clone(ports)
	return Ignore(func(s Socket) bool {
		return slices.Contains(ports, s.Local.Port()) || slices.Contains(ports, s.Remote.Port())
	})
}

// IgnoreAddrs makes the helpers skip sockets whose local or remote address
// is one of addrs. IPv4 addresses also match their IPv4-mapped IPv6 form
// (127.0.0.1 matches ::ffff:127.0.0.1, as dual-stack sockets show it).
func IgnoreAddrs(addrs ...netip.Addr) Option {
	unmapped := make([]netip.Addr, len(addrs))
	for i, a := range addrs {
		unmapped[i] = a.Unmap()
	}
	return Ignore(func(s Socket) bool {
		return slices.Contains(unmapped, s.Local.Addr().Unmap()) ||
			slices.Contains(unmapped, s.Remote.Addr().Unmap())
	})
}

// Ignore makes the helpers skip the sockets for which skip returns true.
// Several Ignore options add up.
func Ignore(skip func(Socket) bool) Option {
	return optionFunc(func(c *config) { c.ignore = append(c.ignore, skip) })
}

// Only makes the helpers consider only the sockets for which keep returns
// true, for example the server side of the test's connections:
//
//	sockstate.Only(func(s sockstate.Socket) bool { return s.Local.Port() == port })
//
// Several Only options must all hold.
func Only(keep func(Socket) bool) Option {
	return optionFunc(func(c *config) { c.only = append(c.only, keep) })
}

// VerifyNoCloseWait fails the test (t.Errorf) if the process holds a TCP
// socket in CLOSE_WAIT: a connection the peer closed and this process never
// did. It reads the socket tables repeatedly until none is left or the
// [MaxWait] time is over, then lists each offending socket with its local
// and remote address and inode. Typical use, at the top of a test:
//
//	defer sockstate.VerifyNoCloseWait(t)
//
// On systems where sockets cannot be read, it skips the test.
func VerifyNoCloseWait(t testing.TB, opts ...Option) {
	t.Helper()
	c := newConfig(opts)
	socks, err := c.poll(func(s []Socket) bool { return countState(s, CloseWait) == 0 })
	if err != nil {
		reportErr(t, err)
		return
	}
	socks = slices.DeleteFunc(socks, func(s Socket) bool { return s.State != CloseWait })
	if len(socks) > 0 {
		t.Errorf("sockstate: %s %s in CLOSE_WAIT after %v: the peer closed them and Close was never called:%s",
			c.subject(), plural(len(socks)), c.maxWait, list(socks))
	}
}

// VerifyNone fails the test (t.Errorf) if the process holds any TCP socket
// at all, in any state (including listeners), after waiting up to
// [MaxWait] for them to go. Use [Ignore], [IgnorePorts] or [IgnoreAddrs] to
// allow long-lived sockets, or take a [Snapshot] first to allow those that
// existed before the test.
//
// On systems where sockets cannot be read, it skips the test.
func VerifyNone(t testing.TB, opts ...Option) {
	t.Helper()
	c := newConfig(opts)
	socks, err := c.poll(func(s []Socket) bool { return len(s) == 0 })
	if err != nil {
		reportErr(t, err)
		return
	}
	if len(socks) > 0 {
		t.Errorf("sockstate: %s %s still open after %v:%s", c.subject(), plural(len(socks)), c.maxWait, list(socks))
	}
}

// A Baseline records the sockets that existed when [Snapshot] was called,
// so that [Baseline.VerifyNoNew] can tell the ones opened since.
type Baseline struct {
	opts   []Option
	inodes map[uint64]bool
	tuples map[tuple]bool
}

// Snapshot records the TCP sockets the process holds now (with the given
// options), for a later [Baseline.VerifyNoNew]:
//
//	snap := sockstate.Snapshot(t)
//	defer snap.VerifyNoNew(t)
//
// It stops the test (t.Fatalf) if the sockets cannot be read, and skips it
// on systems where sockets cannot be read.
func Snapshot(t testing.TB, opts ...Option) *Baseline {
	t.Helper()
	c := newConfig(opts)
	// Two readings, so that a row the kernel skipped in one of them does
	// not make a socket of the baseline look new later.
	var socks []Socket
	for range 2 {
		s, err := c.selected()
		if err != nil {
			reportErr(t, err)
			t.FailNow()
		}
		socks = append(socks, s...)
	}
	b := &Baseline{
		opts:   slices.Clone(opts),
		inodes: make(map[uint64]bool, len(socks)),
		tuples: make(map[tuple]bool, len(socks)),
	}
	for _, s := range socks {
		if s.Inode != 0 {
			b.inodes[s.Inode] = true
		}
		b.tuples[tuple{s.Net, s.Local, s.Remote}] = true
	}
	return b
}

// isNew reports whether s was not in the baseline. A socket is known by its
// inode; one without an inode (such as TIME_WAIT, with [AllSockets]) by its
// addresses, so a baseline socket that moved to TIME_WAIT is not new.
func (b *Baseline) isNew(s Socket) bool {
	if s.Inode != 0 {
		return !b.inodes[s.Inode]
	}
	return !b.tuples[tuple{s.Net, s.Local, s.Remote}]
}

// VerifyNoNew fails the test (t.Errorf) if the process holds a TCP socket,
// in any state, that was not there when the snapshot was taken: a
// connection or listener the test opened and did not close. It waits up to
// [MaxWait] for them to go first. opts are added to those given to
// [Snapshot]; to check only established connections, for example, add
//
//	sockstate.Only(func(s sockstate.Socket) bool { return s.State == sockstate.Established })
func (b *Baseline) VerifyNoNew(t testing.TB, opts ...Option) {
	t.Helper()
	c := newConfig(append(slices.Clone(b.opts), opts...))
	fresh := func(socks []Socket) []Socket {
		return slices.DeleteFunc(socks, func(s Socket) bool { return !b.isNew(s) })
	}
	socks, err := c.poll(func(s []Socket) bool { return len(fresh(slices.Clone(s))) == 0 })
	if err != nil {
		reportErr(t, err)
		return
	}
	if socks = fresh(socks); len(socks) > 0 {
		t.Errorf("sockstate: %s %s opened since the snapshot, still open after %v:%s",
			c.subject(), plural(len(socks)), c.maxWait, list(socks))
	}
}

// Count returns how many TCP sockets of the process are in state now,
// among those the options select, from a single reading ([MaxWait] does not
// apply). A single reading can miss a socket (see the package
// documentation); to assert a count, prefer [WaitCount]. Count stops the
// test (t.Fatalf) if the sockets cannot be read, and skips it on systems
// where sockets cannot be read.
func Count(t testing.TB, state State, opts ...Option) int {
	t.Helper()
	socks, err := newConfig(opts).selected()
	if err != nil {
		reportErr(t, err)
		t.FailNow()
	}
	return countState(socks, state)
}

// WaitCount reads the socket tables until exactly want sockets of the
// process (among those the options select) are in state, or the [MaxWait]
// time is over, and returns the last count. It does not fail the test when
// the count differs: compare the result. It stops the test (t.Fatalf) if
// the sockets cannot be read, and skips it on systems where sockets cannot
// be read.
//
//	if got := sockstate.WaitCount(t, sockstate.CloseWait, 0, onServer); got != 0 {
//		t.Errorf("%d server sockets in CLOSE_WAIT, want 0", got)
//	}
func WaitCount(t testing.TB, state State, want int, opts ...Option) int {
	t.Helper()
	socks, err := newConfig(opts).poll(func(s []Socket) bool { return countState(s, state) == want })
	if err != nil {
		reportErr(t, err)
		t.FailNow()
	}
	return countState(socks, state)
}

// selected reads the sockets and keeps those the options select.
func (c *config) selected() ([]Socket, error) {
	var socks []Socket
	var err error
	switch {
	case c.read != nil:
		socks, err = c.read()
	case c.all:
		socks, err = namespaceSockets(c.pid)
	default:
		socks, err = Sockets(c.pid)
	}
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(socks, func(s Socket) bool { return !c.keep(s) }), nil
}

// keep reports whether the options select s.
func (c *config) keep(s Socket) bool {
	for _, ignore := range c.ignore {
		if ignore(s) {
			return false
		}
	}
	for _, only := range c.only {
		if !only(s) {
			return false
		}
	}
	return true
}

// poll reads the selected sockets until done accepts two readings in a
// row, or c.maxWait has passed, pausing a little longer each time, and
// returns the last reading. One reading is not trusted to end the wait: a
// socket table read while other sockets come and go can miss a row (see
// dedupe).
func (c *config) poll(done func([]Socket) bool) ([]Socket, error) {
	start := time.Now()
	pause := time.Millisecond
	agreed := 0 // readings in a row that done accepted
	for {
		socks, err := c.selected()
		if err != nil {
			return nil, err
		}
		if done(socks) {
			agreed++
		} else {
			agreed = 0
		}
		left := c.maxWait - time.Since(start)
		if agreed == 2 || left <= 0 {
			return socks, nil
		}
		if agreed == 1 {
			continue // confirm at once
		}
		time.Sleep(min(pause, left))
		pause = min(2*pause, maxPollInterval)
	}
}

// subject names whose sockets were read, to start a message.
func (c *config) subject() string {
	if c.all {
		return fmt.Sprintf("the network namespace of pid %d has", c.pid)
	}
	return fmt.Sprintf("pid %d holds", c.pid)
}

// reportErr reports a failure to read the sockets: a skip where reading is
// not supported, an error otherwise.
func reportErr(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("%v", err)
	}
	t.Errorf("%v", err)
}

// countState returns how many of socks are in state.
func countState(socks []Socket, state State) int {
	n := 0
	for _, s := range socks {
		if s.State == state {
			n++
		}
	}
	return n
}

// plural returns "1 TCP socket" or "n TCP sockets".
func plural(n int) string {
	if n == 1 {
		return "1 TCP socket"
	}
	return fmt.Sprintf("%d TCP sockets", n)
}

// list formats socks one per line, each indented by a tab.
func list(socks []Socket) string {
	var b strings.Builder
	for _, s := range socks {
		b.WriteString("\n\t")
		b.WriteString(s.String())
	}
	return b.String()
}
