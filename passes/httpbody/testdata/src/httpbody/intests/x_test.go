package intests

import (
	"net/http"
	"testing"
)

func TestRequestFails(t *testing.T) {
	_, err := http.Get("http://127.0.0.1:1/") // ok: a test expecting the request to fail
	if err == nil {
		t.Error("request succeeded")
	}
}

func TestLeaks(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/") // want `the body of resp from http.Get is never closed`
	if err != nil {
		t.Skip(err)
	}
	_ = resp.StatusCode
}
