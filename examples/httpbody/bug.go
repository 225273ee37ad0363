package httpbody

import "net/http"

// StatusBuggy sends a GET request for url with client and returns the
// response's status code.
//
// BUG: it never closes resp.Body. The Transport cannot release the
// connection, and once the server hangs up, the client's socket stays in
// CLOSE_WAIT.
func StatusBuggy(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // BUG: resp.Body is never closed
}
