// Package user uses connlib: every report or silence here depends on a
// fact computed in connlib.
package user

import (
	"closewait/facts/connlib"
	"net"
)

func freshFromOtherPackage(addr string) error {
	c, err := connlib.Dial(addr)
	if err != nil {
		return err
	}
	if _, err := connlib.ReadLine(c); err != nil {
		return err // want `conn c from connlib.Dial is not closed when connlib.ReadLine fails`
	}
	connlib.Close(c)
	return nil
}

func closedByOtherPackage(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer connlib.Close(c) // ok: closesParam(0) fact
	_, err = connlib.ReadLine(c)
	return err
}

func pooled(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	connlib.Put(c) // ok: takesParam(0) fact
}

func sendLeak(addr string) error {
	c, err := connlib.Dial(addr)
	if err != nil {
		return err
	}
	if err := connlib.Send(c, nil); err != nil {
		return err // want `conn c from connlib.Dial is not closed on this path: its fd`
	}
	return c.Close()
}

func fatalNoReturn(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	if _, err := connlib.ReadLine(c); err != nil {
		connlib.Fatal("read") // ok: never returns
	}
}

func fatalPath(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		connlib.Fatal("dial")
	}
	if err := connlib.Send(c, nil); err != nil {
		connlib.Fatal("send") // ok: never returns, so not an exit
	}
	c.Close()
}
