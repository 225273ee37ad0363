// Package loops tests deferloop: decided from the CFG, so continue,
// labelled break, break inside select, and loops that return in every
// iteration are all handled exactly (staticcheck's SA9001 gets the last
// three wrong).
package loops

import (
	"context"
	"io"
	"iter"
	"net"
	"net/http"
	"os"
)

func handle(net.Conn) {}

func acceptLoop(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		defer c.Close() // want `deferred close of a conn in a loop runs only when the function returns`
		handle(c)
	}
}

func dialEach(addrs []string) {
	for _, a := range addrs {
		c, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer c.Close() // want `deferred close of a conn in a loop`
		c.Write(nil)
	}
}

func bodies(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `deferred close of a response body in a loop`
		io.Copy(io.Discard, resp.Body)
	}
}

// files defers the close of regular files in a loop: an fd held until
// return, but no socket, so not ours to report (gocritic's deferInLoop
// is). Modelled on golang.org/x/crypto/ssh/knownhosts.New, which reads
// each known_hosts file this way.
func files(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close() // not reported: a regular file
	}
}

// dups defers the close of each conn's File() dup: every dup keeps its
// socket open until return, so the peers never see a FIN.
func dups(conns []*net.TCPConn) {
	for _, c := range conns {
		f, err := c.File()
		if err != nil {
			continue
		}
		defer f.Close() // want `deferred close of a socket dup in a loop`
		c.Close()
	}
}

// listenerDups does the same with listeners' dups.
func listenerDups(lns []*net.TCPListener) {
	for _, ln := range lns {
		f, err := ln.File()
		if err != nil {
			return
		}
		defer f.Close() // want `deferred close of a socket dup in a loop`
	}
}

// dupOnce closes its dup in a function literal per iteration: fine.
func dupOnce(conns []*net.TCPConn) {
	for _, c := range conns {
		func() {
			f, err := c.File()
			if err != nil {
				return
			}
			defer f.Close()
		}()
	}
}

func listeners(addrs []string) {
	for _, a := range addrs {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			return
		}
		defer ln.Close() // want `deferred close of a listener in a loop`
	}
}

func deferredClosure(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer func() { c.Close() }() // want `deferred close of a conn in a loop`
	}
}

func closeConn(c net.Conn) { c.Close() }

func deferredHelper(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer closeConn(c) // want `deferred close of a conn in a loop`
	}
}

func continueThenReturn(ln net.Listener, n int) error {
	for i := 0; ; i++ {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		defer c.Close() // want `deferred close of a conn in a loop`
		if i == n {
			return nil
		}
	}
}

func breakInSelect(ctx context.Context, ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close() // want `deferred close of a conn in a loop`
		select {
		case <-ctx.Done():
			break // breaks the select only: the loop goes on
		default:
		}
	}
}

func tcpConns(cs []*net.TCPConn) {
	for _, c := range cs {
		defer c.Close() // want `deferred close of a conn in a loop`
	}
}

func rangeFunc(seq iter.Seq[string]) {
	for a := range seq {
		c, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer c.Close() // want `deferred close of a conn in a loop`
	}
}

func nestedLoop(groups [][]string) {
	for _, g := range groups {
		for _, a := range g {
			c, err := net.Dial("tcp", a)
			if err != nil {
				continue
			}
			defer c.Close() // want `deferred close of a conn in a loop`
		}
	}
}

func gotoLoop(ln net.Listener) {
again:
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close() // want `deferred close of a conn in a loop`
	goto again
}

func labelledContinue(groups [][]string) {
outer:
	for _, g := range groups {
		for _, a := range g {
			c, err := net.Dial("tcp", a)
			if err != nil {
				continue outer
			}
			defer c.Close() // want `deferred close of a conn in a loop`
		}
	}
}

func goroutineInLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close() // want `deferred close of a conn in a loop`
		go func() { handle(c) }()
	}
}

// Negatives.

func returnsEveryIteration(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		defer c.Close() // ok: the function returns right after
		handle(c)
		return nil
	}
}

func funcLitPerIteration(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		func() {
			defer c.Close() // ok: runs when the literal returns
			handle(c)
		}()
	}
}

func goroutinePerIteration(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close() // ok: the goroutine's own defer
			handle(c)
		}()
	}
}

func closeAtEnd(addrs []string) {
	for _, a := range addrs {
		c, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		c.Write(nil)
		c.Close() // ok: closed per iteration
	}
}

func deferOutsideLoop(ln net.Listener) {
	c, err := ln.Accept()
	if err != nil {
		return
	}
	defer c.Close() // ok: not in a loop
	for i := 0; i < 3; i++ {
		handle(c)
	}
}

func breakOut(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		defer c.Close() // ok: the loop ends right after
		break
	}
}

func labelledBreakOut(ln net.Listener) {
outer:
	for {
		for {
			c, err := ln.Accept()
			if err != nil {
				continue
			}
			defer c.Close() // ok: leaves both loops
			break outer
		}
	}
}

func panicsEveryIteration(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		defer c.Close() // ok: every iteration that defers panics
		panic("one only")
	}
}

func deferNonClose(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer handle(c) // ok: not a close
		c.Close()
	}
}

type pool struct{}

func (pool) Close() error { return nil }

func otherCloser(ps []pool) {
	for _, p := range ps {
		defer p.Close() // ok: not a conn, listener, file or body
	}
}

func deferUnlock(ln net.Listener, mu interface{ Unlock() }) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer mu.Unlock() // ok: not a close
		c.Close()
	}
}

func closeInsideSwitchBreak(ln net.Listener, mode int) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		switch mode {
		case 0:
			defer c.Close() // ok: returns below
			return
		default:
			c.Close()
		}
	}
}

func rangeFuncNoDefer(seq iter.Seq[string]) {
	for a := range seq {
		c, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		c.Close() // ok
	}
}

func namedClosurePerIteration(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		serve := func() {
			defer c.Close() // ok: runs when serve returns, each iteration
			handle(c)
		}
		serve()
	}
}

func deferCancelInLoop(ctx context.Context, ln net.Listener) {
	for i := 0; i < 3; i++ {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel() // ok: not a close of a conn, listener, file or body
		<-cctx.Done()
	}
}

func deferInRangeFuncBodyWithReturn(seq iter.Seq[string]) {
	for a := range seq {
		c, err := net.Dial("tcp", a)
		if err != nil {
			return
		}
		defer c.Close() // ok: the return ends the loop; the defer runs right after
		return
	}
}
