package intests

import (
	"net"
	"net/http"
	"testing"
)

func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(ln, nil)                          // ok: a test's server, on loopback
	srv := &http.Server{Handler: nil}               // ok: a test's server
	c := &http.Client{Transport: &http.Transport{}} // ok: lives as long as the test
	if resp, err := c.Get("http://" + ln.Addr().String()); err == nil {
		resp.Body.Close()
	}
	_ = srv
}

func fetch(url string) {
	c := &http.Client{Transport: &http.Transport{}} // ok: a test helper, skipped by default
	if resp, err := c.Get(url); err == nil {
		resp.Body.Close()
	}
}
