// Package partial reaches package net only through rawconn: it checks
// that the core works when its view of net has no Conn (it crashed under
// go vet before) and still knows rawconn.Conn for a conn.
package partial

import (
	"io"

	"example.com/vetmod/rawconn"
)

// Fetch leaks the conn when the read fails.
func Fetch(addr string) ([]byte, error) {
	c, err := rawconn.Open(addr)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 16)
	if _, err := io.ReadFull(c, b); err != nil {
		return nil, err
	}
	c.Close()
	return b, nil
}

// FetchOK closes on every path.
func FetchOK(addr string) ([]byte, error) {
	c, err := rawconn.Open(addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	b := make([]byte, 16)
	_, err = io.ReadFull(c, b)
	return b, err
}
