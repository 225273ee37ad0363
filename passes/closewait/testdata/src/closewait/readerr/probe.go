package readerr

import "net"

// probe is the classic connectivity check that leaks one conn per call:
// outside tests, a discarded conn is reported.
func probe(addr string) bool {
	_, err := net.Dial("tcp", addr) // want `the conn from net.Dial is never closed`
	return err == nil
}
