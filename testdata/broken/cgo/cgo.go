// Package cgo uses cgo; with cgo enabled it is analysed like any other
// package and its leak is reported.
package cgo

/*
static int answer(void) { return 42; }
*/
import "C"

import "net"

// Answer leaks its conn on a read error.
func Answer(addr string) (int, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	if _, err := c.Read(make([]byte, 1)); err != nil {
		return 0, err // want: closewait
	}
	c.Close()
	return int(C.answer()), nil
}
