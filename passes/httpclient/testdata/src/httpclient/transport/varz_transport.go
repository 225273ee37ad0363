package transport

import (
	"encoding/json"
	"net/http"
	"time"
)

// Regression: https://github.com/choria-io/go-choria/issues/198
//
// Stats were fetched from the broker's varz endpoint with a new
// http.Transport per fetch; the fix (PR #200) reuses one. A short
// IdleConnTimeout only shortens each stranded conn's life: every fetch
// still dials anew and leaves a socket behind.

type varz struct{ Connections int }

func fetchVarz(url string) (*varz, error) {
	tr := &http.Transport{MaxIdleConns: 1, IdleConnTimeout: 5 * time.Second} // want `http.Transport is created per call and dropped after a request`
	c := http.Client{Transport: tr, Timeout: 2 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	v := &varz{}
	return v, json.NewDecoder(resp.Body).Decode(v)
}

type statsFetcher struct {
	tr *http.Transport
}

func newStatsFetcher() *statsFetcher {
	return &statsFetcher{tr: &http.Transport{MaxIdleConns: 1, IdleConnTimeout: 5 * time.Second}} // ok: built once, stored in the fetcher
}

func (s *statsFetcher) fetch(url string) (*varz, error) {
	c := http.Client{Transport: s.tr, Timeout: 2 * time.Second} // ok: the transport is reused, only the cheap Client is per call
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	v := &varz{}
	return v, json.NewDecoder(resp.Body).Decode(v)
}
