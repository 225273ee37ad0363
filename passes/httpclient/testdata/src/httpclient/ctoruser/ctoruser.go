// Package ctoruser tests httpclient across packages: a constructor from
// ctorlib that builds a new Transport (a fact) called once per request is
// reported at the call.
package ctoruser

import (
	"io"
	"net/http"

	"httpclient/ctorlib"
)

// Regression: https://github.com/sourcegraph/go-sourcegraph/pull/41
//
// The API client's constructor built a new Transport, with
// MaxIdleConnsPerHost 20, for every client, and callers made a client per
// request: enough of them within the keep-alive window exhausted the
// ephemeral ports (about 1K on some systems). The fix shares one
// Transport. (Same shape: https://github.com/flynn/flynn/pull/3698.)
func fetchRepo(url string) ([]byte, error) {
	c := ctorlib.NewClient() // want `http.Client from NewClient \(with its own Transport\) is created per call and dropped after a request`
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func viaProxy(req *http.Request, proxy string) (*http.Response, error) {
	rt, err := ctorlib.NewTransport(proxy) // want `http.Transport from NewTransport is created per call and dropped`
	if err != nil {
		return nil, err
	}
	return rt.RoundTrip(req)
}

var apiClient = ctorlib.NewClient() // ok: built once

func fetchRepoFixed(url string) ([]byte, error) {
	resp, err := apiClient.Get(url) // ok: shared
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func oneShot(url string) error {
	resp, err := ctorlib.NewOneShotClient().Get(url) // ok: no keep-alives, no fact
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaShared(url string) error {
	resp, err := ctorlib.Shared().Get(url) // ok: the package's one client
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func releasedClient(url string) error {
	c := ctorlib.NewClient() // ok: released when done
	defer c.CloseIdleConnections()
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
