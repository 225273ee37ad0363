package kinds

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
)

// hijackEcho hijacks the HTTP conn and returns without closing it when
// the first line cannot be read: the handler owns the conn once it has
// hijacked it, and the server will never close it.
func hijackEcho(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "no hijack", http.StatusInternalServerError)
		return
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return
	}
	line, err := rw.ReadString('\n')
	if err != nil {
		return // want `conn conn from hj.Hijack is not closed on this path`
	}
	rw.WriteString(line)
	rw.Flush()
	conn.Close()
}

func hijackEchoFixed(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	line, err := rw.ReadString('\n')
	if err != nil {
		return
	}
	rw.WriteString(line)
	rw.Flush()
}

// hijackController uses http.ResponseController and never closes.
func hijackController(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack() // want `conn conn from http.NewResponseController\(w\).Hijack is never closed`
	if err != nil {
		return
	}
	conn.Write([]byte("HTTP/1.1 101 Switching Protocols\r\n\r\n"))
}

// tunnel hands the hijacked conn to a goroutine that owns it.
func tunnel(w http.ResponseWriter, r *http.Request, serve func(*bufio.ReadWriter)) {
	conn, rw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	go func() {
		defer conn.Close()
		serve(rw)
	}()
}

// initPriorKnowledge is the shape of golang.org/x/net/http2/h2c's
// initH2CWithPriorKnowledge (v0.62.0 and v0.63.0, h2c.go): when the
// client preface cannot be read, the hijacked conn is dropped, and the
// caller (ServeHTTP) only logs the error.
func initPriorKnowledge(w http.ResponseWriter) (net.Conn, error) {
	rc := http.NewResponseController(w)
	conn, rw, err := rc.Hijack()
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 6)
	if _, err := io.ReadFull(rw, buf); err != nil {
		return nil, err // want `conn conn from rc.Hijack is not closed on this path`
	}
	if string(buf) == "SM\r\n\r\n" {
		return &bufConn{conn, rw}, nil // the caller serves and closes it
	}
	conn.Close()
	return nil, errors.New("invalid client preface")
}

type bufConn struct {
	net.Conn
	rw *bufio.ReadWriter
}
