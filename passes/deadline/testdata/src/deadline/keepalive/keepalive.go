// Package keepalive tests deadline's keep-alive rules.
package keepalive

import (
	"net"
	"syscall"
	"time"
)

var d1 = net.Dialer{KeepAlive: -1} // want `net.Dialer with a negative KeepAlive turns TCP keep-alive off`

func listenConfig() net.ListenConfig {
	return net.ListenConfig{KeepAlive: -time.Second} // want `net.ListenConfig with a negative KeepAlive turns TCP keep-alive off`
}

func assign(d *net.Dialer) {
	d.KeepAlive = -1 // want `setting a negative net.Dialer.KeepAlive turns TCP keep-alive off`
}

func setKeepAlive(c *net.TCPConn) {
	c.SetKeepAlive(false) // want `SetKeepAlive\(false\) turns TCP keep-alive off`
}

func configUnset(c *net.TCPConn) {
	c.SetKeepAliveConfig(net.KeepAliveConfig{Idle: time.Minute}) // want `SetKeepAliveConfig with Enable false or unset turns TCP keep-alive off`
}

func configFalse(c *net.TCPConn) {
	c.SetKeepAliveConfig(net.KeepAliveConfig{Enable: false, Idle: time.Minute}) // want `SetKeepAliveConfig with Enable false or unset`
}

const off = -1

func constNamed() *net.Dialer {
	return &net.Dialer{Timeout: time.Second, KeepAlive: off} // want `net.Dialer with a negative KeepAlive`
}

// Negatives.

var d2 = net.Dialer{KeepAlive: 30 * time.Second} // ok: a custom period

var d3 = net.Dialer{} // ok: the default, 15s

var d4 = net.Dialer{KeepAlive: -1, KeepAliveConfig: net.KeepAliveConfig{Enable: true}} // ok: the config enables it

func dynamic(ka time.Duration) net.Dialer {
	return net.Dialer{KeepAlive: ka} // ok: unknown value
}

func on(c *net.TCPConn) {
	c.SetKeepAlive(true) // ok
	c.SetKeepAlivePeriod(time.Minute)
	c.SetKeepAliveConfig(net.KeepAliveConfig{Enable: true, Idle: time.Minute}) // ok
}

func configVar(c *net.TCPConn, cfg net.KeepAliveConfig) {
	c.SetKeepAliveConfig(cfg) // ok: unknown value
}

type other struct{ KeepAlive time.Duration }

func otherType(o *other) {
	o.KeepAlive = -1 // ok: not a net type
}

// controlEnables mirrors grpc's NetDialerWithTCPKeepalive: the negative
// KeepAlive only stops Go from overriding the OS defaults, and Control
// turns SO_KEEPALIVE on.
// Regression: google.golang.org/grpc@v1.85.0 internal/tcp_keepalive_unix.go
func controlEnables() *net.Dialer {
	return &net.Dialer{
		KeepAlive: time.Duration(-1), // ok: Control sets SO_KEEPALIVE
		Control: func(_, _ string, c syscall.RawConn) error {
			return c.Control(func(fd uintptr) {
				syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_KEEPALIVE, 1)
			})
		},
	}
}
