package transport

import (
	"crypto/tls"
	"io"
	"net/http"
)

// Regression: https://github.com/golang/go/issues/24719
//
// A program called a function in a loop that built a Transport with its
// own TLS config and a Client for each request, read the body to EOF (so
// the conn went back to that Transport's idle pool) and dropped both: lsof
// showed the ESTABLISHED conns piling up until fds ran out.

func probeTLS(url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} // want `http.Transport is created per call and dropped after a request`
	cli := &http.Client{Transport: tr}
	resp, err := cli.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return err
}
