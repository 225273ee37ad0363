// Package webtoolkit stands in for an exporter toolkit whose
// ListenAndServe takes a caller's *http.Server and serves it as is.
package webtoolkit

import "net/http"

// ListenAndServe serves srv, adding no timeouts.
func ListenAndServe(srv *http.Server, configFile string) error {
	return srv.ListenAndServe()
}
