package httpbody_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/closewait/closewait/examples/httpbody"
	"github.com/closewait/closewait/sockstate"
)

const (
	requests = 20               // requests per test
	wait     = 10 * time.Second // bounds every wait
)

// server starts an HTTP server on loopback that answers "ok" and closes
// every connection after its response (no keep-alive), and returns it with
// a selector of the client side's sockets.
func server(t *testing.T) (*httptest.Server, sockstate.Option) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	}))
	srv.Config.SetKeepAlivesEnabled(false)
	srv.Start()
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.ParseUint(u.Port(), 10, 16)
	if err != nil {
		t.Fatal(err)
	}
	onClient := sockstate.Only(func(s sockstate.Socket) bool { return s.Remote.Port() == uint16(port) })
	return srv, onClient
}

// client returns an HTTP client with a Transport of its own. The
// connections it dials are closed when the test ends: the buggy function
// leaks them, and the test cleans up after it.
func client(t *testing.T) *http.Client {
	t.Helper()
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	d := &net.Dialer{Timeout: wait}
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err == nil {
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
			}
			return c, err
		},
		ResponseHeaderTimeout: wait,
	}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

func TestBuggyLeavesCloseWait(t *testing.T) {
	srv, onClient := server(t)
	c := client(t)
	for range requests {
		code, err := httpbody.StatusBuggy(c, srv.URL)
		if err != nil || code != http.StatusOK {
			t.Fatalf("StatusBuggy = %d, %v", code, err)
		}
	}
	got := sockstate.WaitCount(t, sockstate.CloseWait, requests, onClient, sockstate.MaxWait(wait))
	if got != requests {
		t.Fatalf("buggy: %d client sockets in CLOSE_WAIT after %d requests, want %d", got, requests, requests)
	}
	t.Logf("buggy: %d requests, %d client sockets in CLOSE_WAIT", requests, got)
}

func TestFixedLeavesNone(t *testing.T) {
	srv, onClient := server(t)
	c := client(t)
	for range requests {
		code, err := httpbody.StatusFixed(c, srv.URL)
		if err != nil || code != http.StatusOK {
			t.Fatalf("StatusFixed = %d, %v", code, err)
		}
	}
	// The server asked to close ("Connection: close"): once the body is
	// closed, the Transport closes the conn, so the client holds none.
	sockstate.VerifyNone(t, onClient, sockstate.MaxWait(wait))
	got := sockstate.Count(t, sockstate.CloseWait, onClient)
	t.Logf("fixed: %d requests, %d client sockets in CLOSE_WAIT", requests, got)
}
