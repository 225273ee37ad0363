// Package strict tests httpbody with -httpbody.strict.
package strict

import (
	"io"
	"net/http"
)

func drainedNotClosed(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body) // want `the body of resp from http.Get is read to EOF but not closed on this path`
}

// Regression: https://github.com/JoshuaDoes/go-yggdrasil/issues/3
func deferAfterRead(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err // want `is read to EOF but not closed on this path`
	}
	defer resp.Body.Close()
	return data, nil
}
