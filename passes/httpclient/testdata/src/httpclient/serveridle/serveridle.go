// Package serveridle tests httpclient -idle: servers that bound the
// headers but not idle keep-alive conns.
package serveridle

import (
	"net/http"
	"time"
)

func headerOnly() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second} // want `http.Server has no IdleTimeout or ReadTimeout: idle keep-alive conns stay open as long as clients keep them`
	return srv.ListenAndServe()
}

func zeroIdle() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 0} // want `http.Server has no IdleTimeout or ReadTimeout`
	return srv.ListenAndServe()
}

func idleSet() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute} // ok: both
	return srv.ListenAndServe()
}

func idleLater() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second} // ok: IdleTimeout set later
	srv.IdleTimeout = 2 * time.Minute
	return srv.ListenAndServe()
}

func noKeepAlives() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second} // ok: keep-alives off, no idle conns
	srv.SetKeepAlivesEnabled(false)
	return srv.ListenAndServe()
}

func readTimeout() error {
	srv := &http.Server{Addr: ":8080", ReadTimeout: time.Minute} // ok: ReadTimeout is the idle timeout when IdleTimeout is zero
	return srv.ListenAndServe()
}

func nothing() error {
	srv := &http.Server{Addr: ":8080"} // want `http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout`
	return srv.ListenAndServe()
}
