// Package fileset checks that httpclient, which looks only at the files
// that refer to net/http, still sees what the other files do to its
// values: a package-level variable used in a file without net/http is an
// unknown use (an escape), never a clean one.
package fileset

import "net/http"

var shared *http.Transport

// perCall makes a pool per call and drops it: reported.
func perCall(url string) error {
	tr := &http.Transport{} // want `http.Transport is created `
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// perCallShared stores each call's pool in a package variable that b.go
// hands to a function of unknown behaviour: not reported.
func perCallShared(url string) error {
	shared = &http.Transport{}
	c := &http.Client{Transport: shared}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// srv's timeouts are set by configure (c.go, a helper whose parameter is
// an interface), called from b.go, a file without net/http: not
// reported.
var srv = &http.Server{Addr: ":8080"}

func serve() error {
	return srv.ListenAndServe()
}

// srvLocal's timeouts are set through a helper with an interface
// parameter: not reported.
func serveLocal() error {
	s := &http.Server{Addr: ":8081"}
	configure(s)
	return s.ListenAndServe()
}

// plain sets no timeout: reported.
func plain() error {
	s := &http.Server{Addr: ":8082"} // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
	return s.ListenAndServe()
}
