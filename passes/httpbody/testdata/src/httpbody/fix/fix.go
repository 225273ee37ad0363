// Package fix tests httpbody's suggested fix.
package fix

import "net/http"

func status(url string) (int, error) {
	resp, err := http.Get(url) // want `the body of resp from http.Get is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
