// Package unused tests -closewait.unused-ignores and
// -connleak.unused-ignores: a directive that suppresses nothing is
// reported by the check it names.
package unused

import (
	"io"
	"net"
)

// Used: suppresses the read-failure finding.
func used(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return err //closewait:ignore closewait the caller closes c
	}
	return c.Close()
}

// Unused: the conn is closed on every path.
func closed(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	// want +1 `//closewait:ignore directive for connleak suppresses nothing`
	//closewait:ignore connleak left over from before the defer
	_, err = c.Write([]byte("x"))
	return err
}

// Half used: closewait's half suppresses a finding, connleak's half
// does not.
func halfUsed(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return err //closewait:ignore closewait,connleak the caller closes c // want `directive for connleak suppresses nothing`
	}
	return c.Close()
}
