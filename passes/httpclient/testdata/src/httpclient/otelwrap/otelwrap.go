// Package otelwrap stands in for a tracing RoundTripper decorator such as
// otelhttp: NewTransport wraps a base RoundTripper.
package otelwrap

import "net/http"

// Transport traces the requests it hands to its base.
type Transport struct {
	base http.RoundTripper
}

// NewTransport wraps base.
func NewTransport(base http.RoundTripper) *Transport {
	return &Transport{base: base}
}

// RoundTrip sends req through the base RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.base.RoundTrip(req)
}
