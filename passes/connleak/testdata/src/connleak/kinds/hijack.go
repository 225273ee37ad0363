package kinds

import (
	"bufio"
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
