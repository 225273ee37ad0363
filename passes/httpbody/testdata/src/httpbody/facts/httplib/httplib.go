// Package httplib has response helpers known to other packages by facts.
package httplib

import (
	"io"
	"net/http"
)

// Fetch returns a fresh response: callers must close its body.
func Fetch(url string) (*http.Response, error) { // want Fetch:"freshBody"
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// Discard drains and closes the body.
func Discard(resp *http.Response) { // want Discard:"closesParam\\(0\\)"
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}
