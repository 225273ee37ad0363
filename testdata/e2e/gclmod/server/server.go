// Package server is linted by the golangci-lint end-to-end test.
package server

import (
	"net"

	"example.com/gclmod/netutil"
)

// Fetch leaks c when the read fails (closewait, through facts; as it
// closes c on its other path, a fix inserts c.Close() before the return).
func Fetch(addr string) (string, error) {
	c, err := netutil.Dial(addr)
	if err != nil {
		return "", err
	}
	line, err := netutil.ReadLine(c)
	if err != nil {
		return "", err
	}
	netutil.Close(c)
	return line, nil
}

// Send never closes c (connleak).
func Send(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("hello\n"))
	return err
}

// Quiet leaks like Fetch, silenced for golangci-lint.
func Quiet(addr string) (string, error) {
	c, err := netutil.Dial(addr)
	if err != nil {
		return "", err
	}
	line, err := netutil.ReadLine(c)
	if err != nil {
		return "", err //nolint:closewait // the caller's pool reaps c
	}
	netutil.Close(c)
	return line, nil
}

// Ignored leaks like Fetch, silenced for every driver.
func Ignored(addr string) (string, error) {
	c, err := netutil.Dial(addr)
	if err != nil {
		return "", err
	}
	line, err := netutil.ReadLine(c)
	if err != nil {
		return "", err //closewait:ignore closewait the caller's pool reaps c
	}
	netutil.Close(c)
	return line, nil
}
