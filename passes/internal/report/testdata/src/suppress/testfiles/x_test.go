package testfiles

import (
	"net"
	"testing"
)

func TestLeak(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1") // ok: -connleak.tests=false
	if err != nil {
		t.Fatal(err)
	}
	c.Write(nil)
}
