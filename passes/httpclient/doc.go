// Package httpclient defines an Analyzer that reports HTTP transports made
// per request and dropped, and HTTP servers that never time a client out.
//
// # Analyzer httpclient
//
// httpclient: report per-request transports and servers without timeouts
//
// An http.Transport is a connection pool: after a response, its conn
// stays open, idle, waiting for the next request to the same host. A
// Transport built for one request and then dropped keeps that conn: an fd
// and two goroutines (readLoop and writeLoop), which also keep the
// Transport reachable, until the server closes the conn or the
// Transport's IdleConnTimeout (zero, never, in a literal) runs out. The
// next call builds a new pool and dials again. Per request, that is one
// stranded socket more, ESTABLISHED for as long as the server lets it
// idle; when the server closes first our side sees the FIN and closes
// too, and when we close first each socket spends a minute in TIME_WAIT:
// either way the process runs out of fds or ephemeral ports ("too many
// open files", "cannot assign requested address").
//
// A server has the mirror problem. http.ListenAndServe and an http.Server
// with no ReadHeaderTimeout (or ReadTimeout) wait forever for a request's
// headers: a client that sends them one byte at a time (slowloris), or
// connects and sends nothing, holds a conn, its fd and a goroutine for
// good. With no IdleTimeout (or ReadTimeout) an idle keep-alive conn is
// held for as long as the client cares to keep it.
//
// # transportperrequest
//
// Reported: an http.Transport (a literal, new(http.Transport), a Clone,
// or the result of a constructor that builds one, in this package or
// another, known through facts) that a function sends a request through
// (Do, Get, Head, Post, PostForm, RoundTrip; directly, through an
// http.Client or a RoundTripper wrapper holding it, or by passing it to a
// helper of this package that does) and then drops: it is not returned,
// stored in a field, a global, a map or a slice, captured by a closure
// that outlives the call, or passed to a function we cannot see into.
// Built inside a loop, it is reported wherever the function is; otherwise
// only in functions that may run once per request: not main, not init,
// not a Test, Benchmark, Example or Fuzz function, not a func literal
// handed to sync.Once.Do or sync.OnceFunc/OnceValue, nor a closure inside
// any of those (unless it is an HTTP handler), and, in package main (whose
// functions mostly run once), only HTTP handlers and the closures inside
// them.
//
// Bad: every call strands a pool.
//
//	func getJSON(url string) ([]byte, error) {
//		c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 20}}
//		resp, err := c.Get(url)
//		...
//	}
//
// Good: one pool, built once and shared (safe for concurrent use).
//
//	var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 20}}
//
// Not reported: transports built once (package-level variables, init,
// sync.Once, constructors that return or store them); ones whose
// CloseIdleConnections is called, on the Transport or on the Client,
// directly, deferred or in a deferred closure; transports with
// DisableKeepAlives true (or not provably false): without keep-alives
// there is no pool to strand, each request dials and closes its own conn.
// That costs a handshake and a TIME_WAIT socket per request, but it is the
// documented choice for one-off clients, so it gets no note of its own. A
// function that builds one client and reuses it for a loop of requests
// (a crawl, a batch) is taken as a session and is not reported, nor is a
// transport whose uses we cannot follow (any use other than sending,
// configuring fields, wrapping it in a Client or a RoundTripper, or
// releasing it silences the report).
//
// # serverheadertimeout
//
// Reported: an http.Server literal (or &http.Server{...}) that sets
// neither ReadHeaderTimeout nor ReadTimeout to a value that may be
// positive (a constant 0 or negative duration is no timeout), unless a
// ReadHeaderTimeout or ReadTimeout is stored later through the variable
// or field that holds it:
//
//	srv := &http.Server{Addr: addr, Handler: mux}
//	srv.ReadHeaderTimeout = 5 * time.Second // not reported
//
// also through a global, through a struct field (s.srv = &http.Server{...}
// matches s.srv.ReadTimeout = ... anywhere in the package), or, for a
// server that is returned or passed to a function, through any
// *http.Server parameter of this package's functions (a server passed to
// one of them matches that parameter's stores), or any variable that may
// hold a server made elsewhere (a parameter of interface type, then
// x.(*http.Server)). The message also names
// IdleTimeout when that is missing too. new(http.Server) is reported only
// when it is served (Serve, ListenAndServe and their TLS forms) in the
// same function: elsewhere it is usually a zero config, a fallback
// BaseConfig. Package net/http itself is not checked: its zero Servers
// are the API that listenandserve reports at the callers.
//
// gosec G112 reports an http.Server literal without a ReadHeaderTimeout
// or ReadTimeout key. This check also reads the keys' values (a constant
// zero is no timeout), accepts timeouts set after the literal (G112 does
// not), covers served new(http.Server) values, and skips httptest
// fixtures.
//
// # listenandserve
//
// Reported: http.ListenAndServe, http.ListenAndServeTLS, http.Serve and
// http.ServeTLS, called or taken as values. They serve with a zero
// http.Server, which has no timeouts and cannot be given any; use an
// http.Server with ReadHeaderTimeout and IdleTimeout and its method of the
// same name. gosec G114 reports the same calls.
//
// # serveridletimeout
//
// With -httpclient.idle, also reported: an http.Server that bounds the
// request headers but sets neither IdleTimeout nor ReadTimeout (nor calls
// SetKeepAlivesEnabled(false)). It is opt-in: an idle keep-alive conn is
// held by a live client that chooses to keep it (browsers and Go's own
// Transport close theirs after a minute or two), and TCP keep-alive, on by
// default for accepted conns, still reaps peers that vanish.
//
// # clienttimeout
//
// With -httpclient.timeout, also reported: a request sent through a
// client that provably has no Timeout (http.DefaultClient, http.Get and
// friends, a literal without Timeout, or an unexported variable declared
// with one and used only as a receiver) whose context provably has no
// deadline (Get, Head, Post, PostForm, or Do with a request from
// http.NewRequest, or NewRequestWithContext with context.Background or
// TODO). A server that accepts the conn and never answers holds it and
// the goroutine forever. It is opt-in rather than on by default because a
// zero Timeout is Go's default and is right for streaming responses, and
// because the usual bound, a deadline on a context from the caller, is
// invisible to a per-function check: on by default, it would mostly
// flag code that is bounded elsewhere.
//
// # handlerclient
//
// With -httpclient.handlers, also reported: http.Get, Head, Post,
// PostForm, and http.DefaultClient's methods (Do only when its request
// has no context of its own), called in a func(http.ResponseWriter,
// *http.Request) or a closure inside one. The upstream request has no
// timeout and does not stop when the client of the handler hangs up, so a
// slow upstream holds the handler's goroutine and an upstream conn.
//
// # Test files
//
// _test.go files are not checked: their transports and servers live as
// long as one test, on loopback; -httpclient.tests checks them too. An
// http.Server stored as an httptest.Server's Config is never reported.
//
// # Suppressing
//
// Write //closewait:ignore httpclient <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:httpclient works
// too. Findings in generated files are never reported.
package httpclient
