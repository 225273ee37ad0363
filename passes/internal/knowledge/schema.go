package knowledge

import "strings"

// Resource is what a fresh value obliges its owner to close.
type Resource uint8

// The resources a call can return.
const (
	NoResource Resource = iota
	Conn                // a net.Conn, or a client that owns one
	Body                // an *http.Response whose Body must be closed
	Dup                 // an *os.File dup of a socket
)

// Role is what a call does with one of its operands.
type Role uint8

// The roles a call can play on an operand.
const (
	NoRole   Role = iota
	Wrap          // result 0 owns the operand: closing it closes the operand
	View          // result 0 reads from the operand (bufio, decoders)
	Read          // reads the operand; the last result is its error (or bool)
	Drain         // reads the operand until EOF or an error (io.Copy)
	Close         // closes the operand
	Borrow        // uses the operand and keeps nothing
	Take          // takes ownership of the operand (closes it later)
	Deadline      // sets a read deadline on the operand
)

// AllArgs, as Op.Arg, applies a Borrow to every operand.
const AllArgs = -1

// Op is one role a call plays on its operand number Arg. Operands are
// numbered as go/ssa numbers a static call's arguments: for a method, the
// receiver is operand 0.
type Op struct {
	Role Role
	Arg  int
}

// Func is what one function or method does.
type Func struct {
	// Returns, if set, says that result 0 is a fresh resource of that
	// kind which the caller must close.
	Returns Resource
	// Ops lists what the call does with its operands, in order: the
	// first Op that names an operand (or AllArgs) is its role.
	Ops []Op
	// NoReturn reports that the call never returns.
	NoReturn bool
}

// OpRole returns the role the call plays on operand i, or NoRole.
func (f Func) OpRole(i int) Role {
	for _, op := range f.Ops {
		if op.Arg == i || (op.Arg == AllArgs && op.Role == Borrow) {
			return op.Role
		}
	}
	return NoRole
}

// LookupFunc returns what the function with the given qualified name
// (types.Func.FullName) does, if it is known. A function absent from the
// tables (and without a fact) is unknown: a conn passed to it escapes.
func LookupFunc(fullName string) (Func, bool) {
	f, ok := funcs[fullName]
	return f, ok
}

// MayNotReturn reports whether some known function whose unqualified name
// is name never returns. It lets a caller skip types.Func.FullName, which
// allocates, for the names that cannot match.
func MayNotReturn(name string) bool {
	return noReturnNames[name]
}

// NoReturn reports whether the function with the given qualified name is
// known never to return.
func NoReturn(fullName string) bool {
	return funcs[fullName].NoReturn
}

// noReturnNames holds the unqualified names of the functions that funcs
// says never return (Exit, Fatal, ...). It is computed once, from funcs,
// and never written again.
var noReturnNames = func() map[string]bool {
	names := make(map[string]bool)
	for name, f := range funcs {
		if f.NoReturn {
			names[name[strings.LastIndex(name, ".")+1:]] = true
		}
	}
	return names
}()

// Shorthands for the tables.
var (
	returnsConn  = Func{Returns: Conn}
	returnsBody  = Func{Returns: Body, Ops: borrowsAll}
	borrowsAll   = []Op{{Borrow, AllArgs}}
	borrowAll    = Func{Ops: borrowsAll}
	neverReturns = Func{NoReturn: true}
)

// on returns a Func that plays role on operand 0.
func on(role Role) Func { return Func{Ops: []Op{{role, 0}}} }
