// Package serverreturn tests httpclient on http.Server literals that leave
// the function: returned from a constructor, or handed to another
// package. Nothing in this package sets timeouts through a parameter, so
// they are reported like gosec G112 does.
package serverreturn

import (
	"net/http"
	"time"

	"httpclient/webtoolkit"
)

type serverSettings struct {
	Endpoint          string
	ReadHeaderTimeout time.Duration
}

// Regression: https://github.com/open-telemetry/opentelemetry-collector/issues/5699
//
// The collector's HTTP server settings built the server in a ToServer
// method that returned a literal with only a Handler; the fix sets
// ReadHeaderTimeout in the literal.
func (s *serverSettings) ToServer(handler http.Handler) (*http.Server, error) {
	return &http.Server{Handler: handler}, nil // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
}

func (s *serverSettings) ToServerFixed(handler http.Handler) (*http.Server, error) {
	return &http.Server{Handler: handler, ReadHeaderTimeout: s.ReadHeaderTimeout, IdleTimeout: time.Minute}, nil // ok: timeouts in the literal
}

// Regression: https://github.com/prometheus/blackbox_exporter/pull/1626
//
// The exporter handed &http.Server{} to its toolkit's ListenAndServe,
// which sets no timeouts either; the fix builds the server with a
// ReadHeaderTimeout in a small constructor.
func run(mux *http.ServeMux) error {
	srv := &http.Server{Handler: mux} // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
	return webtoolkit.ListenAndServe(srv, "web.yml")
}

func newServer(mux *http.ServeMux) *http.Server {
	return &http.Server{Handler: mux, ReadHeaderTimeout: time.Minute, IdleTimeout: 2 * time.Minute} // ok: both timeouts
}

func runFixed(mux *http.ServeMux) error {
	return webtoolkit.ListenAndServe(newServer(mux), "web.yml") // ok: the server has timeouts
}

// Regression: https://github.com/securego/gosec/issues/823 (and
// https://github.com/ory/keto/pull/952, "silence false positive G112"):
// a server with ReadTimeout but no ReadHeaderTimeout is not slowloris
// prey, since ReadHeaderTimeout falls back to ReadTimeout.
func readTimeoutOnly() *http.Server {
	return &http.Server{ReadTimeout: time.Second, WriteTimeout: time.Second, IdleTimeout: time.Second} // ok: ReadTimeout bounds the headers
}
