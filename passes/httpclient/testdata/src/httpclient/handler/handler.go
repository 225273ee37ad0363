// Package handler tests httpclient -handlers: http.Get and
// http.DefaultClient used inside HTTP handlers.
package handler

import (
	"io"
	"net/http"
	"time"
)

var upstream = &http.Client{Timeout: 5 * time.Second}

func proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://backend" + r.URL.Path) // want `http.Get in an HTTP handler goes through http.DefaultClient without r.Context\(\): a slow upstream hangs it`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func register(mux *http.ServeMux) {
	mux.HandleFunc("/head", func(w http.ResponseWriter, r *http.Request) {
		if resp, err := http.DefaultClient.Head("http://backend/"); err == nil { // want `http.DefaultClient.Head in an HTTP handler goes through http.DefaultClient`
			resp.Body.Close()
		}
	})
	mux.HandleFunc("/async", func(w http.ResponseWriter, r *http.Request) {
		go func() {
			if resp, err := http.Post("http://audit/", "text/plain", nil); err == nil { // want `http.Post in an HTTP handler goes through http.DefaultClient`
				resp.Body.Close()
			}
		}()
	})
}

func doNoContext(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "http://backend/", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil { // want `http.DefaultClient.Do in an HTTP handler goes through http.DefaultClient`
		resp.Body.Close()
	}
}

// ---- negatives ----

func withContext(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), "GET", "http://backend/", nil)
	if err != nil {
		return
	}
	if resp, err := http.DefaultClient.Do(req); err == nil { // ok: the request carries the handler's context
		resp.Body.Close()
	}
}

func sharedClient(w http.ResponseWriter, r *http.Request) {
	if resp, err := upstream.Get("http://backend/"); err == nil { // ok: a client with a Timeout
		resp.Body.Close()
	}
}

func notAHandler(url string) {
	if resp, err := http.Get(url); err == nil { // ok: not in a handler (and -timeout is off)
		resp.Body.Close()
	}
}
