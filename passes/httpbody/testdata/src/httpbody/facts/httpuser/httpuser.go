// Package httpuser depends on httplib's facts.
package httpuser

import "httpbody/facts/httplib"

func leak(url string) error {
	resp, err := httplib.Fetch(url)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return nil // want `the body of resp from httplib.Fetch is not closed on this path`
	}
	httplib.Discard(resp)
	return nil
}

func ok(url string) error {
	resp, err := httplib.Fetch(url)
	if err != nil {
		return err
	}
	defer httplib.Discard(resp) // ok: closesParam(0) fact
	return nil
}
