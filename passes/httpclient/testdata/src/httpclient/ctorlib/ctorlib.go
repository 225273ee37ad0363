// Package ctorlib is imported by ctoruser: its constructors build a new
// Transport on every call, which httpclient exports as facts.
package ctorlib

import (
	"net"
	"net/http"
	"time"
)

// NewClient returns a client with a Transport of its own.
func NewClient() *http.Client { // want NewClient:"freshTransport\\(client\\)"
	tr := &http.Transport{ // ok: returned, the caller owns the pool
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 20,
	}
	return &http.Client{Transport: tr}
}

// NewTransport returns a new Transport, or an error.
func NewTransport(proxy string) (http.RoundTripper, error) { // want NewTransport:"freshTransport"
	if proxy == "" {
		return nil, net.InvalidAddrError("no proxy")
	}
	return &http.Transport{Proxy: http.ProxyFromEnvironment}, nil // ok: returned
}

// NewOneShotClient has no keep-alives: no pool, no fact.
func NewOneShotClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} // ok: no keep-alives
}

var shared = &http.Client{Transport: &http.Transport{}} // ok: package-level

// Shared returns the package's one client: not fresh, no fact.
func Shared() *http.Client { return shared }
