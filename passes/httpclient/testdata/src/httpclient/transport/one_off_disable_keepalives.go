package transport

import (
	"net/http"
	"time"
)

// Regression: https://github.com/argoproj/argo-workflows/pull/9298
//
// Per-call clients leaked keep-alive conns; of the three fixes the PR
// weighed (reuse the client, CloseIdleConnections before dropping it, or
// no keep-alives) it chose DisableKeepAlives. Both fixes below must stay
// silent. (Kubernetes asked the same of one-request transports:
// https://github.com/kubernetes/kubernetes/issues/14962.)

func artifactStatus(url string) (int, error) {
	c := &http.Client{ // ok: keep-alives off, each conn is closed after its response
		Transport: &http.Transport{DisableKeepAlives: true, ResponseHeaderTimeout: 10 * time.Second},
	}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func artifactStatusClosed(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 10 * time.Second}} // ok: pool released before the client is dropped
	defer c.CloseIdleConnections()
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
