package paths

import "net"

// ioMode is an enum: a switch over it with no default handles every mode
// the program names (the shape of nbio's Engine.Start, which keeps its
// listener in every IOMod case).
type ioMode int

const (
	modeBlocking ioMode = iota
	modeNonBlocking
	modeMixed
)

type engine struct {
	mode ioMode
	lns  []net.Listener
}

func serveLn(ln net.Listener) { defer ln.Close() }

func (e *engine) listenEnum(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	switch e.mode {
	case modeBlocking, modeMixed:
		e.lns = append(e.lns, ln)
	case modeNonBlocking:
		go serveLn(ln)
	}
	return nil
}

// listenEnumCaseLeaks drops the listener in one named case: reported.
func (e *engine) listenEnumCaseLeaks(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	switch e.mode {
	case modeBlocking:
		e.lns = append(e.lns, ln)
	case modeNonBlocking:
		return nil // want `listener ln from net.Listen is not closed on this path`
	}
	go serveLn(ln)
	return nil
}

// listenEnumDefault has a default clause that drops the listener: the
// path is written, so it is checked.
func (e *engine) listenEnumDefault(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	switch e.mode {
	case modeBlocking:
		e.lns = append(e.lns, ln)
	default:
		return nil // want `listener ln from net.Listen is not closed on this path`
	}
	return nil
}

// listenLiteral switches on plain integers: no enum, so the path where
// no case matches is checked.
func listenLiteral(addr string, n int, keep func(net.Listener)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	switch n {
	case 0:
		keep(ln)
	case 1:
		go serveLn(ln)
	}
	return nil // want `listener ln from net.Listen is not closed on this path`
}
