// Package transport tests httpclient's transportperrequest check: an
// http.Transport built in a function that sends a request through it and
// drops it is reported; transports built once, released, returned,
// stored, or with keep-alives off are not.
package transport

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// ---- positives ----

func getJSON(url string) ([]byte, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: 20, IdleConnTimeout: 90 * time.Second} // want `http.Transport is created per call and dropped after a request: each call strands its idle conns and dials anew`
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func inlineClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func directCall(req *http.Request) (*http.Response, error) {
	return (&http.Client{Transport: &http.Transport{}}).Do(req) // want `http.Transport is created per call and dropped`
}

func roundTripDirect(req *http.Request) (*http.Response, error) {
	tr := new(http.Transport) // want `new\(http.Transport\) is created per call and dropped`
	return tr.RoundTrip(req)
}

func valueClient(url string) {
	c := http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped`
	if resp, err := c.Head(url); err == nil {
		resp.Body.Close()
	}
}

func assignedLater(url string) {
	c := &http.Client{Timeout: time.Second}
	tr := &http.Transport{} // want `http.Transport is created per call and dropped`
	c.Transport = tr
	if resp, err := c.Get(url); err == nil {
		resp.Body.Close()
	}
}

func viaRoundTripper(req *http.Request) (*http.Response, error) {
	var rt http.RoundTripper = &http.Transport{} // want `http.Transport is created per call and dropped`
	return rt.RoundTrip(req)
}

func cloned(req *http.Request) (*http.Response, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport clone is created per call and dropped`
	tr.MaxIdleConnsPerHost = 4
	return (&http.Client{Transport: tr}).Do(req)
}

func keepAlivesOnExplicitly(url string) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: false}} // want `http.Transport is created per call and dropped`
	if resp, err := c.Get(url); err == nil {
		resp.Body.Close()
	}
}

func inLoop(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created in a loop and dropped after a request: each iteration strands its idle conns and dials anew`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// fetch sends through c and drops it: passing a fresh client to it is
// the same as sending directly.
func fetch(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaHelper(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped`
	return fetch(c, url)
}

func inGoroutine(url string, done chan<- error) {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped`
	go func() {
		done <- fetch(c, url)
	}()
}

func retries(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped`
	resp, err := c.Get(url)
	for i := 0; err != nil && i < 3; i++ {
		resp, err = c.Get(url)
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func handlerClosure(mux *http.ServeMux, upstream string) {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped`
		resp, err := c.Get(upstream)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		io.Copy(w, resp.Body)
	})
}

// newDialTransport builds a fresh Transport on every call.
func newDialTransport(timeout time.Duration) *http.Transport { // want newDialTransport:"freshTransport"
	return &http.Transport{ResponseHeaderTimeout: timeout}
}

func viaLocalCtor(url string) error {
	c := &http.Client{Transport: newDialTransport(time.Second)} // want `http.Transport from newDialTransport is created per call and dropped`
	return fetch(c, url)
}

// ---- negatives ----

var shared = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 20}} // ok: package-level client, built once

func useShared(url string) error {
	return fetch(shared, url) // ok: the shared client's pool is reused
}

var (
	lazyOnce sync.Once
	lazy     *http.Client
)

func lazyClient() *http.Client {
	lazyOnce.Do(func() {
		lazy = &http.Client{Transport: &http.Transport{}} // ok: built once, in sync.Once, and stored in a global
	})
	return lazy
}

var onceClient = sync.OnceValue(func() *http.Client {
	return &http.Client{Transport: &http.Transport{}} // ok: sync.OnceValue runs it once
})

func init() {
	tr := &http.Transport{} // ok: init runs once
	if resp, err := (&http.Client{Transport: tr}).Get("http://localhost/ready"); err == nil {
		resp.Body.Close()
	}
}

type api struct {
	client *http.Client
	tr     *http.Transport
}

func newAPI() *api {
	tr := &http.Transport{MaxIdleConnsPerHost: 8} // ok: stored in a struct field by a constructor
	return &api{client: &http.Client{Transport: tr}, tr: tr}
}

func (a *api) connect() {
	a.tr = &http.Transport{} // ok: stored in a field, reused by later calls
	if resp, err := a.client.Get("http://localhost/"); err == nil {
		resp.Body.Close()
	}
}

func newClient() *http.Client { // want newClient:"freshTransport\\(client\\)"
	return &http.Client{Transport: &http.Transport{}} // ok: returned, the caller owns the pool
}

func closedDeferred(url string) error {
	tr := &http.Transport{} // ok: CloseIdleConnections deferred
	defer tr.CloseIdleConnections()
	return fetch(&http.Client{Transport: tr}, url)
}

func closedOnClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // ok: Client.CloseIdleConnections closes its Transport's pool
	defer c.CloseIdleConnections()
	return fetch(c, url)
}

func closedInDeferredClosure(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // ok: released in a deferred closure
	defer func() {
		c.CloseIdleConnections()
	}()
	return fetch(c, url)
}

func noKeepAlives(url string) error {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} // ok: no keep-alives, no pool to strand
	return fetch(c, url)
}

func noKeepAlivesLater(url string) error {
	tr := http.DefaultTransport.(*http.Transport).Clone() // ok: keep-alives turned off before use
	tr.DisableKeepAlives = true
	return fetch(&http.Client{Transport: tr}, url)
}

func keepAlivesConfigured(url string, persistent bool) error {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: !persistent}} // ok: keep-alives may be off: cannot tell
	return fetch(c, url)
}

func noRequest() {
	tr := &http.Transport{} // ok: no request goes through it here
	tr.MaxIdleConns = 1
}

func batch(urls []string) {
	c := &http.Client{Transport: &http.Transport{}} // ok: one client reused by a loop of requests, a session
	for _, u := range urls {
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

func reuseAcrossLoop(urls []string) {
	for _, u := range urls {
		if resp, err := shared.Get(u); err == nil { // ok: a loop that reuses a client built outside it
			resp.Body.Close()
		}
	}
}

func defaultTransport(url string) error {
	c := &http.Client{Timeout: 5 * time.Second} // ok: no Transport of its own, uses http.DefaultTransport's pool
	return fetch(c, url)
}

type cache struct {
	mu  sync.Mutex
	trs map[string]*http.Transport
}

func (k *cache) get(host string) *http.Transport {
	k.mu.Lock()
	defer k.mu.Unlock()
	if tr, ok := k.trs[host]; ok {
		return tr
	}
	tr := &http.Transport{} // ok: stored in a map, one per host
	k.trs[host] = tr
	return tr
}

func (k *cache) send(req *http.Request) (*http.Response, error) {
	return (&http.Client{Transport: k.get(req.URL.Host)}).Do(req) // ok: the transport comes from a cache
}

var global *http.Transport

func storeGlobal(url string) error {
	tr := &http.Transport{} // ok: stored in a global
	global = tr
	return fetch(&http.Client{Transport: tr}, url)
}

func handOff(url string, out chan<- *http.Client) error {
	c := &http.Client{Transport: &http.Transport{}} // ok: sent on a channel, someone else owns it
	out <- c
	return fetch(c, url)
}

func keep(c *http.Client) {}

func unknownCallee(url string, register func(*http.Client)) error {
	c := &http.Client{Transport: &http.Transport{}} // ok: passed to a function value we cannot see into
	register(c)
	return fetch(c, url)
}

func capturedByReturnedClosure(url string) func() error {
	c := &http.Client{Transport: &http.Transport{}} // ok: captured by a closure that outlives the call
	return func() error { return fetch(c, url) }
}

func namedResult(url string) (c *http.Client, err error) {
	c = &http.Client{Transport: &http.Transport{}} // ok: a named result, returned
	err = fetch(c, url)
	return
}

func newRequester() func(string) error {
	c := newClient() // ok: captured by the returned closure, reused by every call
	return func(url string) error { return fetch(c, url) }
}
