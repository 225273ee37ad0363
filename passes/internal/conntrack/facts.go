package conntrack

import (
	"fmt"
	"slices"
	"strings"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
)

// summary says what a function does with its conn-like operands. Operands
// are numbered as go/ssa numbers Function.Params (the receiver of a method
// is operand 0); the free variables of a closure follow its parameters.
//
// The same type serves as the exported object fact, so that callers in
// other packages (through go vet's vetx files or the checker) see the
// summary of a function they cannot build SSA for.
type summary struct {
	Closes []int // operands closed on every path that returns
	Takes  []int // operands whose ownership may leave: stored, handed to a goroutine, closed on some paths
	// TakesOnNil lists the operands of Takes kept open only on returns
	// of a non-nil error: the caller still owns them when the error is
	// not nil (a ServeTLS that fails on its certificate before Serve).
	TakesOnNil []int
	Borrows    []int // operands used but neither closed nor kept
	Reads      []int // operands read, the read's error (or bool) returned
	Aliases    []int // operands that result 0 is, or wraps: closing the result closes them
	Deadlines  []int // operands given a read deadline (SetDeadline, SetReadDeadline)
	Fresh      bool  // result 0 is a fresh resource the caller must close
	Kind       int   // Fresh: its ResourceKind (conn, response, socket dup)
	Accepted   bool  // result 0 is a fresh conn accepted by a listener (server side)
	// Methods says, when result 0 is an interface that every return
	// boxes one concrete type into (a package's own Connection over a
	// UDP conn), what each interface method does with its receiver: a
	// caller's x.Send(b) on the fresh value is then a borrow, not an
	// escape. Sorted by name; only the methods whose role is known.
	Methods []MethodEffect
	// Sock is Fresh's socket kind when result 0's type does not tell
	// (a package's own type over a UDP conn is a packet socket).
	Sock Socket
	// NoReturn reports that calls never return (log.Fatal-like).
	NoReturn bool
	// NilErr reports that the last result is an error that is nil at
	// every return: the caller's `err != nil` branch never runs.
	// Exported only with something else to say.
	NilErr bool
}

// MethodEffect is what one method of a fresh result's concrete type does
// with its receiver.
type MethodEffect struct {
	Name  string
	Role  kn.Role
	Reads bool // the method reads the receiver and returns the read's error
}

// AFact marks summary as an analysis fact.
func (*summary) AFact() {}

// String is what `// want name:"..."` fact expectations match.
func (s *summary) String() string {
	var parts []string
	add := func(name string, ops []int) {
		if len(ops) > 0 {
			strs := make([]string, len(ops))
			for i, op := range ops {
				strs[i] = fmt.Sprint(op)
			}
			parts = append(parts, fmt.Sprintf("%s(%s)", name, strings.Join(strs, ",")))
		}
	}
	add("closesParam", s.Closes)
	add("takesParam", s.Takes)
	add("takesOnNil", s.TakesOnNil)
	add("borrowsParam", s.Borrows)
	add("readsParam", s.Reads)
	add("aliasesParam", s.Aliases)
	add("deadlineParam", s.Deadlines)
	if s.Fresh {
		parts = append(parts, [...]string{"freshConn", "freshConn", "freshBody", "freshDup"}[min(s.Kind, 3)])
	}
	if s.Accepted {
		parts = append(parts, "accepted")
	}
	if len(s.Methods) > 0 {
		ms := make([]string, len(s.Methods))
		for i, m := range s.Methods {
			ms[i] = m.Name + ":" + roleName(m.Role)
			if m.Reads {
				ms[i] += "+read"
			}
		}
		parts = append(parts, "methods("+strings.Join(ms, ",")+")")
	}
	if s.Fresh && s.Sock != StreamSocket {
		parts = append(parts, "socket("+s.Sock.String()+")")
	}
	if s.NoReturn {
		parts = append(parts, "noReturn")
	}
	if s.NilErr {
		parts = append(parts, "nilErr")
	}
	return strings.Join(parts, " ")
}

// empty reports whether the summary says nothing, so need not be exported.
func (s *summary) empty() bool {
	return len(s.Closes)+len(s.Takes)+len(s.Borrows)+len(s.Reads)+len(s.Aliases)+len(s.Deadlines) == 0 && !s.Fresh && !s.NoReturn
}

// roleOf returns what the function does with operand i, or 0 if the
// summary does not know (then a conn passed there escapes).
func (s *summary) roleOf(i int) kn.Role {
	switch {
	case slices.Contains(s.Closes, i):
		return kn.Close
	case slices.Contains(s.Takes, i):
		return kn.Take
	case slices.Contains(s.Borrows, i):
		return kn.Borrow
	}
	return 0
}

// roleName spells a role in fact expectations.
func roleName(r kn.Role) string {
	names := [...]string{kn.NoRole: "none", kn.Wrap: "wrap", kn.View: "view", kn.Read: "read", kn.Drain: "drain", kn.Close: "close", kn.Borrow: "borrow", kn.Take: "take", kn.Deadline: "deadline"}
	if int(r) < len(names) {
		return names[r]
	}
	return fmt.Sprint(int(r))
}
