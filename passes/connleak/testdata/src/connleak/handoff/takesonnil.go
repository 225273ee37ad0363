package handoff

// A callee that takes a conn only when it returns a nil error (its fact
// says takesOnNil) leaves it with its caller when the error is not nil:
// modelled on valyala/fasthttp's ListenAndServeTLS, whose ServeTLS failed
// on the certificate before Serve took the listener, and the listener
// was never closed (https://github.com/valyala/fasthttp/pull/2304).

import (
	"errors"
	"log"
	"net"
)

type server struct{ lns []net.Listener }

func (s *server) serve(ln net.Listener) error {
	s.lns = append(s.lns, ln)
	return nil
}

var errNoCert = errors.New("no cert")

// serveTLS takes ln only when it returns nil: it fails on the
// certificate before serve takes it.
func (s *server) serveTLS(ln net.Listener, cert string) error {
	if err := loadCert(cert); err != nil {
		return err
	}
	if cert == "none" {
		return errNoCert
	}
	return s.serve(ln)
}

// serveTLSClosing closes ln itself when it fails.
func (s *server) serveTLSClosing(ln net.Listener, cert string) error {
	if err := loadCert(cert); err != nil {
		ln.Close()
		return err
	}
	return s.serve(ln)
}

func loadCert(cert string) error {
	if cert == "" {
		return errNoCert
	}
	return nil
}

func (s *server) listenAndServeTLS(addr, cert string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.serveTLS(ln, cert) // want `listener ln from net.Listen is not closed on this path`
}

func (s *server) listenAndServeTLSFixed(addr, cert string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if err := s.serveTLS(ln, cert); err != nil {
		_ = ln.Close()
		return err
	}
	return nil
}

func (s *server) listenAndServeTLSCloseAfter(addr, cert string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	err = s.serveTLS(ln, cert)
	ln.Close()
	return err
}

func (s *server) listenAndServeTLSFatal(addr, cert string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	if err := s.serveTLS(ln, cert); err != nil {
		log.Fatal(err)
	}
}

func (s *server) listenAndServeTLSClosing(addr, cert string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.serveTLSClosing(ln, cert)
}

// The error is logged and swallowed: the listener the callee did not
// take is dropped.
func (s *server) listenAndServeTLSLogged(addr, cert string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if err := s.serveTLS(ln, cert); err != nil {
		log.Print(err)
		return nil // want `listener ln from net.Listen is not closed on this path`
	}
	return nil
}

// A wrapped error still says the callee did not take ln, but only the
// callee's own error value is followed: silent.
func (s *server) listenAndServeTLSWrapped(addr, cert string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	err = s.serveTLS(ln, cert)
	return errors.Join(err)
}
