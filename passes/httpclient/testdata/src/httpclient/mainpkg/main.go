// Command mainpkg tests httpclient in package main, whose functions mostly
// run once: a transport built per call is reported only in a loop or in
// an HTTP handler.
package main

import (
	"io"
	"log"
	"net/http"
	"os"
	"time"
)

func check(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // ok: package main, not a handler: taken as run once
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func proxy(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created per call and dropped after a request`
	resp, err := c.Get("http://backend" + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func main() {
	if err := check(os.Args[1]); err != nil {
		log.Fatal(err)
	}
	for _, u := range os.Args[2:] {
		c := &http.Client{Transport: &http.Transport{}} // want `http.Transport is created in a loop and dropped after a request`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
	srv := &http.Server{Addr: ":8080", Handler: http.HandlerFunc(proxy), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute} // ok: both timeouts
	log.Fatal(srv.ListenAndServe())
}
