// Package drain tests httpbody with -httpbody.drain.
package drain

import (
	"io"
	"net/http"
)

func undrained(url string) error {
	resp, err := http.Get(url) // want `body of resp is closed without being read`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func drained(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body) // ok: read to EOF
	return err
}
