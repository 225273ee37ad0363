// Package paths tests httpbody on the paths of one function: bodies left
// open on some exit are reported, closed or handed-off bodies are not.
package paths

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
)

// Modelled on Unleash/unleash-go-sdk#31: a status check returns with the
// body open. Regression: https://github.com/Unleash/unleash-go-sdk/pull/31
func statusCheck(c *http.Client, url string, body io.Reader) error {
	resp, err := c.Post(url, "application/json", body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("register: %s", resp.Status) // want `the body of resp from c.Post is not closed on this path: its conn is not reused`
	}
	return resp.Body.Close()
}

// Modelled on JoshuaDoes/go-yggdrasil#3: the defer comes after a read
// that can fail. When io.ReadAll fails, the Transport has already closed
// the connection, so only -httpbody.strict reports this (see package
// strict). Regression: https://github.com/JoshuaDoes/go-yggdrasil/issues/3
func deferAfterRead(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err // ok: the failed ReadAll ended the connection (strict mode reports it)
	}
	defer resp.Body.Close()
	return data, nil
}

func neverClosed(url string) (int, error) {
	resp, err := http.Post(url, "text/plain", nil) // want `the body of resp from http.Post is never closed`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func headHasNoBody(url string) (int, error) {
	resp, err := http.Head(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // ok: a HEAD response has no body; its conn is reused at once
}

func discarded(url string) error {
	_, err := http.Get(url) // want `the response body from http.Get is never closed`
	return err
}

// doRequest: a JSON syntax error leaves the body undrained, so the
// connection never returns to the pool.
func doRequest(ctx context.Context, c *http.Client, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return err // want `the body of resp from c.Do is not closed on this path`
	}
	return resp.Body.Close()
}

func roundTrip(rt http.RoundTripper, req *http.Request) error {
	resp, err := rt.RoundTrip(req) // want `the body of resp from rt.RoundTrip is never closed`
	if err != nil {
		return err
	}
	_ = resp.Header
	return nil
}

// Negatives.

func deferred(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err // ok: no response when err != nil
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func nilChecked(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp != nil {
		defer resp.Body.Close() // ok
	}
	return err
}

func returned(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil // ok: the caller owns it
}

func returnedBody(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil // ok: the caller closes the body
}

func sent(url string, ch chan<- *http.Response) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	ch <- resp // ok: the receiver owns it
}

func dumped(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return httputil.DumpResponse(resp, true) // ok: drains and closes the body
}

func errorsIsPath(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if errors.Is(err, context.Canceled) {
		return nil // ok: err is not nil, no response
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func closedInBranches(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("status %d", resp.StatusCode) // ok: closed first
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}

// drainedNotClosed reads the body to EOF: the Transport already reused
// the connection, so only -httpbody.strict reports the missing Close.
func drainedNotClosed(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body) // ok: read to EOF (strict mode reports it)
}

func writtenOut(url string, w io.Writer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Write(w) // ok: Response.Write sends the body and closes it
}
