// Package readerr tests the headline bug: a conn left open on the path
// where a read fails or hits EOF.
package readerr

import (
	"bufio"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/textproto"
)

func process([]byte) {}

func readReturn(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err // ok: c is nil when Dial fails
	}
	buf := make([]byte, 512)
	n, err := c.Read(buf)
	if err != nil {
		return err // want `conn c from net.Dial is not closed when \w+\.Read fails \(line 25\)`
	}
	process(buf[:n])
	return c.Close()
}

func readDeferred(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close() // ok: closed on every path
	buf := make([]byte, 512)
	_, err = c.Read(buf)
	return err
}

func scanLoop(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		process(sc.Bytes())
	}
} // want `conn c from ln.Accept is not closed when sc\.Scan fails`

func handle(c net.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return // want `conn c \(owned by this goroutine\) is not closed when \w+\.Read fails`
		}
		process(buf[:n])
	}
}

func serve(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go handle(c) // ok: the goroutine owns c
	}
}

func copyEOF(dst io.Writer, addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	io.Copy(dst, c)
} // want `conn c from net.Dial is not closed when io.Copy fails`

func neverClosed(addr string) {
	c, err := net.Dial("tcp", addr) // want `conn c from net.Dial is never closed`
	if err != nil {
		return
	}
	c.Write([]byte("hi"))
}

func readFull(addr string) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	hdr := make([]byte, 4)
	if _, err := io.ReadFull(c, hdr); err != nil {
		return nil, err // want `conn c from net.Dial is not closed when io.ReadFull fails`
	}
	c.Close()
	return hdr, nil
}

func bufioReadString(ln net.Listener) error {
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return nil // want `conn c from ln.Accept is not closed when r\.ReadString fails`
		}
		if err != nil {
			c.Close()
			return err
		}
		process([]byte(line))
	}
}

func zeroRead(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	buf := make([]byte, 64)
	for {
		n, _ := c.Read(buf)
		if n == 0 {
			return // want `conn c from net.Dial is not closed when \w+\.Read fails`
		}
		process(buf[:n])
		if n > 10 {
			c.Close()
			return // ok: closed
		}
	}
}

func errorsIsEOF(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 64)
	_, err = c.Read(buf)
	if errors.Is(err, io.EOF) {
		return nil // want `conn c from net.Dial is not closed when \w+\.Read fails`
	}
	return c.Close()
}

func readAll(addr string) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(c) // want `conn c from net.Dial is not closed when io.ReadAll fails`
}

func readAllClosed(addr string) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return io.ReadAll(c) // ok: deferred close
}

func jsonDecode(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	dec := json.NewDecoder(c)
	for {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			return // want `conn c from ln.Accept is not closed when dec\.Decode fails`
		}
	}
}

func gobDecodeClosed(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer func() { _ = c.Close() }() // ok: deferred closure closes c
	dec := gob.NewDecoder(c)
	for {
		var v int
		if err := dec.Decode(&v); err != nil {
			return
		}
	}
}

func binaryRead(addr string) (uint32, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	var x uint32
	if err := binary.Read(c, binary.BigEndian, &x); err != nil {
		return 0, err // want `conn c from net.Dial is not closed when binary.Read fails`
	}
	return x, c.Close()
}

func httpReadRequest(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	br := bufio.NewReader(c)
	req, err := http.ReadRequest(br)
	if err != nil {
		return // want `conn c from ln.Accept is not closed when http.ReadRequest fails`
	}
	_ = req
	c.Close()
}

func textprotoRead(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	tr := textproto.NewReader(bufio.NewReader(c))
	line, err := tr.ReadLine()
	if err != nil {
		return // want `conn c from net.Dial is not closed when tr\.ReadLine fails`
	}
	process([]byte(line))
	c.Close()
}

func switchOnErr(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 64)
	_, err = c.Read(buf)
	switch {
	case err == io.EOF:
		return nil // want `conn c from net.Dial is not closed when \w+\.Read fails`
	case err != nil:
		c.Close()
		return err
	}
	return c.Close()
}

func readErrClosedOnAllPaths(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 64)
	if _, err := c.Read(buf); err != nil {
		c.Close() // ok: closed before returning
		return err
	}
	return c.Close()
}

func timeoutRetry(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	buf := make([]byte, 64)
	for {
		_, err := c.Read(buf)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			continue // ok: deferred close covers every exit
		}
		if err != nil {
			return err
		}
	}
}

func nilCheckedClose(addr string) error {
	var c net.Conn
	var err error
	c, err = net.Dial("tcp", addr)
	defer func() {
		if c != nil {
			c.Close()
		}
	}()
	if err != nil {
		return err
	}
	_, err = c.Read(make([]byte, 1))
	return err // ok: deferred closure closes c
}
