package testsflag

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// From std's net/http/filetransport_test.go and transport_test.go: a Test
// builds a Transport, sends a few requests and returns: once per test.
func TestFileTransport(t *testing.T) {
	tr := &http.Transport{} // ok: a Test function runs once
	c := &http.Client{Transport: tr}
	if resp, err := c.Get("http://localhost/"); err == nil {
		resp.Body.Close()
	}
}

// From std's testing/synctest/example_test.go: a closure passed to
// synctest.Test (here t.Run) inside a Test runs once.
func TestSubtest(t *testing.T) {
	t.Run("x", func(t *testing.T) {
		tr := &http.Transport{} // ok: a closure inside a Test runs once
		if resp, err := tr.RoundTrip(httptest.NewRequest("GET", "http://localhost/", nil)); err == nil {
			resp.Body.Close()
		}
	})
}

// From std's net/http/example_test.go.
func ExampleClone() {
	t := http.DefaultTransport.(*http.Transport).Clone() // ok: an Example runs once
	if resp, err := (&http.Client{Transport: t}).Get("http://localhost/"); err == nil {
		resp.Body.Close()
	}
}

func BenchmarkPerIteration(b *testing.B) {
	for b.Loop() {
		tr := &http.Transport{} // want `http.Transport is created in a loop and dropped after a request`
		if resp, err := (&http.Client{Transport: tr}).Get("http://localhost/"); err == nil {
			resp.Body.Close()
		}
	}
}

func getStatus(url string) int {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped after a request`
	resp, err := c.Get(url)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

func TestProxy(t *testing.T) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer backend.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped after a request`
		resp, err := c.Get(backend.URL)
		if err != nil {
			return
		}
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	}))
	defer front.Close()
	if getStatus(front.URL) != 200 {
		t.Fatal("bad status")
	}
}
