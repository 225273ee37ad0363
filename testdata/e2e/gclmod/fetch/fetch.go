// Package fetch has a finding only with httpbody's strict option: the
// plugin's options must reach the check.
package fetch

import (
	"io"
	"net/http"
)

// All reads the body to EOF and never closes it. The connection goes back
// to the pool at EOF, so no socket leaks, but the contract is broken:
// reported with options: {httpbody: {strict: true}}.
func All(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
