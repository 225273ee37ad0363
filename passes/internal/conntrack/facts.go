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
	Closes    []int // operands closed on every path that returns
	Takes     []int // operands whose ownership may leave: stored, handed to a goroutine, closed on some paths
	Borrows   []int // operands used but neither closed nor kept
	Reads     []int // operands read, the read's error (or bool) returned
	Aliases   []int // operands that result 0 is, or wraps: closing the result closes them
	Deadlines []int // operands given a read deadline (SetDeadline, SetReadDeadline)
	Fresh     bool  // result 0 is a fresh resource the caller must close
	Kind      int   // Fresh: its ResourceKind (conn, response, socket dup)
	Accepted  bool  // result 0 is a fresh conn accepted by a listener (server side)
	// NoReturn reports that calls never return (log.Fatal-like).
	NoReturn bool
	// NilErr reports that the last result is an error that is nil at
	// every return: the caller's `err != nil` branch never runs.
	// Exported only with something else to say.
	NilErr bool
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
