// Package server tests httpclient's server checks: http.Server literals
// without a header timeout, and http.ListenAndServe and friends, are
// reported; timeouts in the literal or stored later through the same
// variable or field, and httptest fixtures, are not.
package server

import (
	"crypto/tls"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"time"
)

var mux = http.NewServeMux()

// ---- positives ----

func plain() error {
	return http.ListenAndServe(":8080", mux) // want `http.ListenAndServe serves with a zero http.Server, which has no timeouts: slow or idle clients hold conns forever`
}

func plainTLS() {
	log.Fatal(http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux)) // want `http.ListenAndServeTLS serves with a zero http.Server`
}

func onListener(ln net.Listener) error {
	return http.Serve(ln, mux) // want `http.Serve serves with a zero http.Server, which has no timeouts`
}

func onListenerTLS(ln net.Listener) error {
	return http.ServeTLS(ln, mux, "cert.pem", "key.pem") // want `http.ServeTLS serves with a zero http.Server`
}

func asValue() func(string, http.Handler) error {
	return http.ListenAndServe // want `http.ListenAndServe serves with a zero http.Server`
}

func noTimeouts() error {
	srv := &http.Server{Addr: ":8080", Handler: mux} // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout: slow or idle clients hold conns forever`
	return srv.ListenAndServe()
}

func idleOnly() error {
	srv := http.Server{Addr: ":8080", IdleTimeout: time.Minute} // want `http.Server has no ReadHeaderTimeout or ReadTimeout: slow clients \(slowloris\) hold conns forever`
	return srv.ListenAndServe()
}

func zeroHeaderTimeout() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 0, IdleTimeout: time.Minute} // want `http.Server has no ReadHeaderTimeout or ReadTimeout`
	return srv.ListenAndServe()
}

func negativeReadTimeout() error {
	srv := &http.Server{Addr: ":8080", ReadTimeout: -1} // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
	return srv.ListenAndServe()
}

func writeTimeoutOnly(ln net.Listener) error {
	return (&http.Server{Handler: mux, WriteTimeout: 10 * time.Second}).Serve(ln) // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
}

func viaNew() error {
	srv := new(http.Server) // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
	srv.Addr = ":8080"
	srv.WriteTimeout = time.Second
	return srv.ListenAndServe()
}

func otherVarSet() error {
	a := &http.Server{Addr: ":8080"} // want `http.Server has no ReadHeaderTimeout`
	b := &http.Server{Addr: ":8081"}
	b.ReadHeaderTimeout = time.Second // sets b's, not a's
	go b.ListenAndServe()
	return a.ListenAndServe()
}

type app struct {
	srv   *http.Server
	admin *http.Server
}

func (a *app) start() {
	a.srv = &http.Server{Addr: ":8080", Handler: mux} // want `http.Server has no ReadHeaderTimeout`
	a.admin = &http.Server{Addr: ":9090", Handler: mux}
	a.admin.ReadHeaderTimeout = time.Second // the admin field's, not srv's
	go a.srv.ListenAndServe()
	go a.admin.ListenAndServe()
}

func runElsewhere(srv *http.Server) error { return srv.ListenAndServe() }

func passed() error {
	return runElsewhere(&http.Server{Addr: ":8080"}) // want `http.Server has no ReadHeaderTimeout`
}

// ---- negatives ----

func headerTimeout() error {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute} // ok: both timeouts set
	return srv.ListenAndServe()
}

func readTimeoutOnly() error {
	srv := &http.Server{Addr: ":8080", ReadTimeout: 30 * time.Second} // ok: ReadTimeout bounds the headers and, with IdleTimeout zero, idle conns
	return srv.ListenAndServe()
}

type config struct{ HeaderTimeout time.Duration }

func fromConfig(cfg config) error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: cfg.HeaderTimeout} // ok: a configured value, may be positive
	return srv.ListenAndServe()
}

func setAfter() error {
	srv := &http.Server{Addr: ":8080", Handler: mux} // ok: ReadHeaderTimeout set by field assignment before serving
	srv.ReadHeaderTimeout = 5 * time.Second
	return srv.ListenAndServe()
}

func setAfterValue() error {
	var srv = http.Server{Addr: ":8080"} // ok: ReadTimeout set on the variable later
	srv.ReadTimeout = time.Minute
	return srv.ListenAndServe()
}

type service struct {
	server *http.Server
}

func (s *service) init() {
	s.server = &http.Server{Addr: ":8080", Handler: mux} // ok: the field's ReadHeaderTimeout is set in configure
}

func (s *service) configure(d time.Duration) {
	s.server.ReadHeaderTimeout = d
}

var global = &http.Server{Addr: ":8080"} // ok: the global's ReadTimeout is set in main-like setup

func setupGlobal() {
	global.ReadTimeout = 10 * time.Second
	go global.ListenAndServe()
}

func harden(srv *http.Server) {
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.IdleTimeout = time.Minute
}

func hardened() *http.Server {
	srv := &http.Server{Addr: ":8080"} // ok: passed to harden, which sets the timeouts through its parameter
	harden(srv)
	return srv
}

func newServer() *http.Server {
	return &http.Server{Addr: ":8080", Handler: mux} // ok: returned, and this package sets timeouts through an *http.Server parameter (harden): the caller may call it
}

func storedThenSet() error {
	srv := &http.Server{Addr: ":8080"} // ok: stored in a struct field whose ReadTimeout is set below
	a := &app{admin: srv}
	a.admin.ReadTimeout = time.Second
	return srv.ListenAndServe()
}

func fixture() *httptest.Server {
	ts := httptest.NewUnstartedServer(mux)
	ts.Config = &http.Server{Handler: mux} // ok: an httptest fixture, loopback only
	ts.StartTLS()
	return ts
}

func fixtureLiteral() *httptest.Server {
	return &httptest.Server{Config: &http.Server{Handler: mux}, TLS: &tls.Config{}} // ok: an httptest fixture
}

func withTLS(ln net.Listener) error {
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: time.Second} // ok: header timeout set (the idle one is opt-in)
	return srv.ServeTLS(ln, "cert.pem", "key.pem")
}

// From golang.org/x/net/http2's ServeConnOpts.baseConfig and h2c's
// extractServer: new(http.Server) as the zero config used when the
// caller gave none. It is not a server that listens.
type serveConnOpts struct{ BaseConfig *http.Server }

func (o *serveConnOpts) baseConfig() *http.Server {
	if o != nil && o.BaseConfig != nil {
		return o.BaseConfig
	}
	return new(http.Server) // ok: a zero config fallback, not served here
}

func serverFrom(r *http.Request) *http.Server {
	if srv, ok := r.Context().Value(http.ServerContextKey).(*http.Server); ok {
		return srv
	}
	return new(http.Server) // ok: a zero config fallback, not served here
}
