// Package clienttimeout tests httpclient -timeout: a request through a
// client with no Timeout whose context provably has no deadline.
package clienttimeout

import (
	"context"
	"net/http"
	"time"
)

var plain = &http.Client{} // no Timeout, only used as a receiver

var Exported = &http.Client{} // exported: another package may set Timeout

var bounded = &http.Client{Timeout: 10 * time.Second}

func get(url string) (*http.Response, error) {
	return http.Get(url) // want `http.Get sends through http.DefaultClient, which has no Timeout, with no context deadline: a silent server hangs it`
}

func post(url string) (*http.Response, error) {
	return http.DefaultClient.Post(url, "text/plain", nil) // want `http.DefaultClient.Post sends through http.DefaultClient, which has no Timeout`
}

func viaGlobal(url string) (*http.Response, error) {
	return plain.Get(url) // want `plain.Get sends through client plain, which has no Timeout`
}

func doNoContext(url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return plain.Do(req) // want `plain.Do sends through client plain, which has no Timeout`
}

func doBackground(url string) (*http.Response, error) {
	ctx := context.Background()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{}
	return c.Do(req) // want `c.Do sends through client c, which has no Timeout`
}

func literal(url string) (*http.Response, error) {
	return (&http.Client{Timeout: 0}).Get(url) // want `\(\*http.Client\).Get sends through a client, which has no Timeout`
}

// ---- negatives ----

func withTimeout(url string) (*http.Response, error) {
	return bounded.Get(url) // ok: the client has a Timeout
}

func callerContext(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // ok: the caller's context may have a deadline
}

func deadline(url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	return plain.Do(req) // ok: the context has a deadline
}

func withContextLater(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return plain.Do(req) // ok: the request gets the caller's context
}

func exported(url string) (*http.Response, error) {
	return Exported.Get(url) // ok: exported, its Timeout may be set elsewhere
}

func setLater(url string) (*http.Response, error) {
	c := &http.Client{}
	c.Timeout = 5 * time.Second
	return c.Get(url) // ok: Timeout set after the literal
}

// recordingTransport records the request and never dials.
type recordingTransport struct{ req *http.Request }

func (t *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.req = req
	return nil, http.ErrNotSupported
}

// From std's net/http/client_test.go: a client around a fake transport.
func fakeTransport(url string) *http.Request {
	tr := &recordingTransport{}
	c := &http.Client{Transport: tr}
	c.Get(url) // ok: a RoundTripper of its own, which may never dial
	return tr.req
}

func realTransport(url string) (*http.Response, error) {
	c := &http.Client{Transport: http.DefaultTransport}
	return c.Get(url) // want `c.Get sends through client c, which has no Timeout`
}

func passedIn(c *http.Client, url string) (*http.Response, error) {
	return c.Get(url) // ok: a parameter, its Timeout is the caller's business
}
