// Package server uses netutil; its findings depend on netutil's facts.
package server

import "example.com/vetmod/netutil"

// Fetch leaks the conn when the read fails: known only because netutil's
// facts say Dial returns a fresh conn and ReadLine reads it.
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

// FetchOK closes on every path, through a helper in another package.
func FetchOK(addr string) (string, error) {
	c, err := netutil.Dial(addr)
	if err != nil {
		return "", err
	}
	defer netutil.Close(c)
	return netutil.ReadLine(c)
}
