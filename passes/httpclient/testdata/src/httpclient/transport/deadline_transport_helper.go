package transport

import (
	"encoding/json"
	"net"
	"net/http"
	"time"
)

// Regression: https://github.com/nsqio/go-nsq/issues/169
//
// A lookup client built its http.Client around a helper that returns a
// new Transport with a dial timeout, once per API request: every request
// left a pool behind. The fix shares one client.

type timedConn struct {
	net.Conn
	timeout time.Duration
}

// newTimedTransport returns a new Transport each time: a constructor,
// known to callers through a fact.
func newTimedTransport(timeout time.Duration) *http.Transport { // want newTimedTransport:"freshTransport"
	tr := &http.Transport{
		Dial: func(network, addr string) (net.Conn, error) {
			c, err := net.DialTimeout(network, addr, timeout)
			if err != nil {
				return nil, err
			}
			return &timedConn{c, timeout}, nil
		},
	}
	return tr
}

func lookupNodes(endpoint string, out any) error {
	hc := &http.Client{Transport: newTimedTransport(2 * time.Second)} // want `http.Transport from newTimedTransport is created per call and dropped after a request`
	req, err := http.NewRequest("GET", endpoint, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

// The fix: one client for all lookups.
var lookupClient = &http.Client{Transport: newTimedTransport(2 * time.Second)} // ok: built once, package-level

func lookupNodesFixed(endpoint string, out any) error {
	resp, err := lookupClient.Get(endpoint) // ok: shared client
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}
