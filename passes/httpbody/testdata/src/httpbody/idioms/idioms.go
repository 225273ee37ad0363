// Package idioms holds the false-positive idioms seen on real code, each
// with its positive twin.
package idioms

import (
	"io"
	"net/http"
)

// A helper that reads and closes the body, then returns the response
// for its status and headers: the returned body is closed.
func fetch(c *http.Client, url string) (*http.Response, []byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func useFetch(c *http.Client) int {
	resp, _, err := fetch(c, "http://x")
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// The same with a closure.
func useClosure(c *http.Client) int {
	get := func(url string) (*http.Response, error) {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		return resp, err
	}
	resp, err := get("http://x")
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// The positive twin: the helper returns the body open.
func open(c *http.Client, url string) (*http.Response, error) {
	return c.Get(url)
}

func useOpen(c *http.Client) int {
	resp, err := open(c, "http://x") // want `the body of resp from open is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// An error variable of the enclosing function, assigned in a closure:
// the nil-with-error pairing holds there too.
func capturedErr(rt http.RoundTripper, req *http.Request) error {
	var resp *http.Response
	var err error
	do := func() {
		resp, err = rt.RoundTrip(req)
		if err != nil {
			return
		}
		defer resp.Body.Close()
	}
	do()
	return err
}

// The response is the closure's own; only err is the enclosing
// function's.
func capturedErrOnly(rt http.RoundTripper, req *http.Request) error {
	var err error
	do := func() int {
		var resp *http.Response
		resp, err = rt.RoundTrip(req)
		if err != nil {
			return 0
		}
		defer resp.Body.Close()
		return resp.StatusCode
	}
	do()
	return err
}

// The positive twin: the body is left open on the status check.
func capturedErrLeak(rt http.RoundTripper, req *http.Request) error {
	var err error
	do := func() int {
		var resp *http.Response
		resp, err = rt.RoundTrip(req)
		if err != nil {
			return 0
		}
		if resp.StatusCode != 200 {
			return resp.StatusCode // want `the body of resp from rt.RoundTrip is not closed on this path`
		}
		resp.Body.Close()
		return 200
	}
	do()
	return err
}
