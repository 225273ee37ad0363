package testfiles

import (
	"net"
	"testing"
)

func TestDialFails(t *testing.T) {
	_, err := net.Dial("tcp", "127.0.0.1:1") // ok: a test expecting the dial to fail
	if err == nil {
		t.Error("dial succeeded")
	}
}

func TestLeaks(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1") // want `conn c from net.Dial is never closed`
	if err != nil {
		t.Skip(err)
	}
	c.Write(nil)
}
