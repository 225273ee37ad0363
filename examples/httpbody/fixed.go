package httpbody

import (
	"io"
	"net/http"
)

// StatusFixed sends a GET request for url with client and returns the
// response's status code. It reads the body to the end, so that a
// keep-alive connection can serve the next request, and closes it, so that
// the Transport can reuse or close the connection.
func StatusFixed(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
