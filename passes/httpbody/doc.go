// Package httpbody defines an Analyzer that reports HTTP response bodies
// that are not closed on some path.
//
// # Analyzer httpbody
//
// httpbody: report http.Response bodies not closed on some path
//
// An http.Response's Body holds the connection it arrived on. Until the
// body is closed, the Transport cannot reuse that connection or close it:
// it stays open, counted against MaxConnsPerHost, and once the server
// closes its side (idle timeout, restart) our socket sits in CLOSE_WAIT,
// holding a file descriptor until the process exits. A program that leaks
// one body per request runs out of descriptors or ports.
//
// The analyzer follows each response the function gets from http.Get,
// http.Post, http.PostForm, (*http.Client).Do/Get/Post/PostForm,
// RoundTripper.RoundTrip, (*http.Transport).RoundTrip, or a
// helper known (by fact) to return a fresh response, along every path on
// which its error is nil, and reports the first return reached with the
// body still open, or the call itself when nothing ever closes the body.
// It uses the same ownership rules as the conn checks, per value and per
// path: a response returned, stored, sent or handed to an unknown function
// is not this function's to close; one passed to a helper that closes its
// Body (in any package, known by fact) is closed.
//
// # Example
//
// Bad: the status check returns with the body open.
//
//	resp, err := http.Get(url)
//	if err != nil {
//		return err
//	}
//	if resp.StatusCode != http.StatusOK {
//		return fmt.Errorf("status %s", resp.Status) // body leaks
//	}
//	defer resp.Body.Close()
//
// Good: defer the close right after the error check.
//
//	resp, err := http.Get(url)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//
// A suggested fix inserts `defer resp.Body.Close()` after the error check
// when that is safe (the response never leaves the function, the call is
// not in a loop).
//
// # What counts as closing
//
// resp.Body.Close() directly, deferred, in a deferred closure, through a
// method value, through a helper (named or a local closure) that closes an
// io.Closer or the response; httputil.DumpResponse (which drains and
// closes the body and puts a copy in memory in its place). Where the
// error is non-nil (or resp is nil) there is no body to close.
//
// HEAD responses (http.Head, Client.Head, and Client.Do or RoundTrip of a
// request built with method HEAD by http.NewRequest, NewRequestWithContext
// or a literal whose Method is only ever HEAD) are not tracked: they have
// no body, and the Transport reuses their connection at once.
//
// A helper or closure that defers resp.Body.Close() and then returns the
// response (for its status and headers) returns a closed body: its
// callers need not close it. An error variable of the enclosing function
// assigned in a closure (resp, err = rt.RoundTrip(req)) keeps its pairing
// with a nil response.
//
// # Read to EOF
//
// The Transport gives a connection back to its pool as soon as the body is
// read to EOF, and closes it on a read error: a body drained by io.ReadAll
// or io.Copy and never closed breaks the http package's contract but
// leaks no socket. Such paths are reported only with -httpbody.strict.
//
// # Flags
//
// -httpbody.drain also reports a body that is closed but never read in the
// function: the Transport can reuse a connection only after the body is
// read to EOF, so every such request opens a new connection and leaves a
// TIME_WAIT socket behind. Off by default: small bodies are often drained
// by Close, and the cost is churn, not a leak.
//
// # Test files
//
// _test.go files are checked: a leak in a test is a real leak (a long test
// binary runs out of fds, and a socket left in CLOSE_WAIT can make a later
// test flaky), and the data says the findings there are right. On the
// project's real-code corpus (eval/, 44 networking modules, tests
// included) this check reports 23 findings in test files, 0 of them false
// positives; the typical one is a test that checks a status or header and drops the response. Test assertions (testify, gomega) are
// read as the branch conditions they stand for. To skip test files, run
// the suite on the packages without their tests (-test=false).
//
// # Suppressing
//
// Write //closewait:ignore httpbody <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:httpbody works
// too. Findings in generated files are never reported.
package httpbody
