package transport

import (
	"io"
	"net/http"

	"httpclient/otelwrap"
)

// Regression: https://github.com/QuokkaStake/cosmos-validators-exporter/pull/89
//
// The exporter's Get method cloned http.DefaultTransport and wrapped it
// in a tracing RoundTripper on every request: 7,000+ goroutines from
// stranded pools. The fix builds the transport once, in the constructor.

type chainClient struct {
	host   string
	client *http.Client // set by newChainClient in the fixed version
}

func (c *chainClient) Get(path string) ([]byte, error) {
	base := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport clone is created per call and dropped after a request`
	hc := &http.Client{Transport: otelwrap.NewTransport(base)}
	resp, err := hc.Get(c.host + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The fix.
func newChainClient(host string) *chainClient {
	base := http.DefaultTransport.(*http.Transport).Clone() // ok: built once per chain and stored in the struct
	return &chainClient{host: host, client: &http.Client{Transport: otelwrap.NewTransport(base)}}
}

func (c *chainClient) GetFixed(path string) ([]byte, error) {
	resp, err := c.client.Get(c.host + path) // ok: the stored client
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
