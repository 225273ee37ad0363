// Package head tests HEAD requests sent with Do or RoundTrip: a HEAD
// response has no body, so there is nothing to close (as for http.Head).
package head

import (
	"context"
	"net/http"
)

func headStatus(c *http.Client, url string) (int, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func headWithContext(ctx context.Context, rt http.RoundTripper, url string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, "HEAD", url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}

func headLiteral(c *http.Client, r *http.Request) bool {
	req := &http.Request{Method: http.MethodHead, URL: r.URL, Header: http.Header{}}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

// The positive twins: a GET, and a request whose method is not known.
func getStatus(c *http.Client, url string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req) // want `the body of resp from c.Do is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func anyMethod(c *http.Client, method, url string) (int, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req) // want `the body of resp from c.Do is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// A literal whose method may be changed to something else later.
func literalChanged(c *http.Client, r *http.Request, post bool) int {
	req := &http.Request{Method: http.MethodHead, URL: r.URL}
	if post {
		req.Method = http.MethodPost
	}
	resp, err := c.Do(req) // want `the body of resp from c.Do is never closed`
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
