// Package bodyclose holds a regression test for each false positive and
// false negative reported on github.com/timakin/bodyclose that applies to
// closewait's httpbody check, named after the idiom.
package bodyclose

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"time"
)

var saved *http.Response

// returned_to_caller: https://github.com/timakin/bodyclose/issues/4
func returnedToCaller(url string) (*http.Response, error) {
	return http.Get(url) // ok: the caller owns the response
}

// closed_via_local_closure_param: https://github.com/timakin/bodyclose/issues/18
func closedViaLocalClosureParam(url string) {
	res, err := http.Get(url)
	if err != nil {
		return
	}
	resCloser := func(c io.Closer) {
		c.Close()
	}
	resCloser(res.Body) // ok: the closure closes its parameter
}

// method_value_close: https://github.com/timakin/bodyclose/issues/19
func methodValueClose(url string) {
	res, err := http.Get(url)
	if err != nil {
		return
	}
	closeBody := res.Body.Close
	defer closeBody() // ok: a method value of Close
}

// one_defer_after_branches: https://github.com/timakin/bodyclose/issues/61
// and https://github.com/timakin/bodyclose/issues/77
func oneDeferAfterBranches(c *http.Client, req *http.Request, head bool) error {
	var resp *http.Response
	var err error
	if head {
		resp, err = c.Head(req.URL.String())
	} else {
		resp, err = c.Do(req)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close() // ok: one defer closes either response
	return nil
}

// retry_until_no_error: https://github.com/timakin/bodyclose/issues/29
func retryUntilNoError(c *http.Client, req *http.Request, retries int) {
	tries := 0
	resp, err := c.Do(req)
	for err != nil && tries < retries {
		time.Sleep(time.Second)
		resp, err = c.Do(req) // ok: only a nil-error response has a body
		tries++
	}
	if err != nil {
		return
	}
	resp.Body.Close()
}

func closeResponse(body io.Closer) { _ = body.Close() }

// named_helper_each_branch_in_ticker_loop: https://github.com/timakin/bodyclose/issues/30
func namedHelperEachBranch(c *http.Client, url string, stop <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			resp, err := c.Get(url)
			if err != nil {
				continue
			}
			if resp.StatusCode == http.StatusOK {
				closeResponse(resp.Body) // ok: the helper closes it
				return
			}
			closeResponse(resp.Body)
		}
	}
}

type holder struct{ resp *http.Response }

func (h *holder) Close() error { return h.resp.Body.Close() }

// closed_from_struct_field: https://github.com/timakin/bodyclose/issues/42
func closedFromStructField(url string) (*holder, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &holder{resp: resp}, nil // ok: stored in the returned holder
}

// httptest_recorder_result: https://github.com/timakin/bodyclose/issues/47
func httptestRecorderResult() {
	w := httptest.NewRecorder()
	resp := w.Result() // ok: not a network response
	_, _ = io.ReadAll(resp.Body)
}

// deferred_func_with_param: https://github.com/timakin/bodyclose/issues/49
// and https://github.com/timakin/bodyclose/issues/60
func deferredFuncWithParam(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func(body io.ReadCloser) {
		_ = body.Close()
	}(resp.Body) // ok: the deferred literal closes its parameter
	return nil
}

// nopcloser_replacement: https://github.com/timakin/bodyclose/issues/76
func nopCloserReplacement(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err // ok: closed just above
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	saved = resp // ok: the replacement needs no close
	return resp, nil
}

// early_continue_before_close (a false negative of bodyclose):
// https://github.com/timakin/bodyclose/issues/15
func earlyContinueBeforeClose(c *http.Client, urls []string) int {
	ok := 0
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			continue
		}
		ok++
		resp.Body.Close()
	}
	return ok // want `the body of resp from c.Get is not closed on this path`
}

// function_returning_response_still_checked (a false negative of
// bodyclose, which skips every function returning *http.Response; see
// STYLE.md): the first response leaks even though the function returns
// another.
func functionReturningResponse(a, b string) (*http.Response, error) {
	r1, err := http.Get(a) // want `the body of r1 from http.Get is never closed`
	if err != nil {
		return nil, err
	}
	_ = r1.StatusCode
	return http.Get(b)
}

// deferred_closure_close_ignoring_error (go-critic / sqlclosecheck style).
func deferredClosure(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }() // ok
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
