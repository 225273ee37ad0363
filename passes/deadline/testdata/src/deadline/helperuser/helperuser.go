// Package helperuser depends on helperlib's facts.
package helperuser

import (
	"deadline/helperlib"
	"io"
)

func armed(l *helperlib.Listener) {
	c, err := l.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	helperlib.Arm(c)
	io.ReadAll(c) // ok: Arm sets the deadline (fact)
}

func unarmed(l *helperlib.Listener) {
	c, err := l.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	io.ReadAll(c) // want `conn c \(accepted\) is read with no deadline`
}
