// Package directive tests //closewait:ignore: where it applies, which
// check it names, and the directives that are themselves reported.
package directive

import (
	"io"
	"net"
)

// Suppressed on the reported line, with a nolint-style "// reason".
func sameLine(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write([]byte("x")); err != nil {
		return err //closewait:ignore connleak // the pool reaps c
	}
	return c.Close()
}

// Suppressed from the line above.
func lineAbove(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write([]byte("x")); err != nil {
		//closewait:ignore connleak the pool reaps c
		return err
	}
	return c.Close()
}

// A never-closed conn is reported at its Dial, so that is where the
// directive goes.
func neverClosed(addr string) {
	//closewait:ignore connleak handed to the kernel's keepalive for the demo
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	_, _ = c.Write([]byte("x"))
}

// Two lines above is too far: still reported.
func tooFar(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Write([]byte("x")); err != nil {
		//closewait:ignore connleak the pool reaps c

		return err // want `conn c from net.Dial is not closed on this path`
	}
	return c.Close()
}

// A directive names the check it silences: naming connleak does not
// silence closewait.
func otherCheck(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return err //closewait:ignore connleak wrong check // want `conn c from net.Dial is not closed when io.ReadFull fails`
	}
	return c.Close()
}

// One directive may name several checks.
func bothChecks(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		return err //closewait:ignore connleak,closewait the caller closes c after the handshake
	}
	return c.Close()
}

// Without a reason the directive suppresses nothing, and says so.
func noReason(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		// want +1 `//closewait:ignore directive needs a reason after the check name`
		//closewait:ignore closewait
		return err // want `conn c from net.Dial is not closed when io.ReadFull fails`
	}
	return c.Close()
}

// A nolint-style "//" with nothing after it is no reason either.
func emptyReason(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		// want +1 `needs a reason`
		//closewait:ignore closewait //
		return err // want `is not closed when io.ReadFull fails`
	}
	return c.Close()
}

// A misspelt check is reported once, suggesting the nearest check; the
// finding stays.
func misspelt(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		// want +1 `//closewait:ignore names unknown check "closewiat"; did you mean closewait\?`
		//closewait:ignore closewiat the caller closes c
		return err // want `is not closed when io.ReadFull fails`
	}
	return c.Close()
}

// A name that is nothing like a check lists the checks.
func unknown() {
	// want +1 `//closewait:ignore names unknown check "errcheck"; the checks are closewait, connleak`
	//closewait:ignore errcheck not ours
}

// A directive with no check at all.
func bare() {
	// want +1 `//closewait:ignore directive names no check`
	//closewait:ignore
}

// Malformed directives suppress nothing and get a hint: a longer word,
// a space after the slashes. A block comment is not a directive, nor is
// prose that starts with the word without naming a check, nor a doc
// title "closewait: ...".
func notDirectives(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(c, make([]byte, 4)); err != nil {
		// want +1 `unknown directive //closewait:ignored, which suppresses nothing: the directive is //closewait:ignore <check> <reason>`
		//closewait:ignored closewait not a directive
		// want +1 `this comment is not a directive and suppresses nothing: write //closewait:ignore with no space after //`
		// closewait:ignore closewait a plain comment
		/*closewait:ignore closewait block comments are not directives*/
		// closewait:ignore is the directive's name (prose: no check named)
		//closewait: report conns (a doc title, not a directive)
		return err // want `is not closed when io.ReadFull fails`
	}
	return c.Close()
}

// Each hint is reported once, by the check nearest to the one it names
// (connleak here), or by the first check when it names none.
func malformedOwners() {
	// want +1 `this comment is not a directive`
	//  closewait:ignore connleak,closewait two spaces
	// want +1 `unknown directive //closewait:nolint`
	//closewait:nolint
}
