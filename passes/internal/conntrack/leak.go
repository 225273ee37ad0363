package conntrack

import (
	"slices"

	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ssa"
)

// report runs the dataflow for one owned resource and records at most one
// finding for it: the most specific kind, at the first leaking exit.
func (c *checker) report(fi *funcInfo, r *resource, o ownership) {
	fn := fi.fn
	if r.kind == rootSource && isMainMain(fn) {
		return // returning from main ends the process, which closes every socket
	}
	exits := c.flow(fi, r)
	var failed, leaked []exit
	for _, e := range exits {
		if r.res == Body {
			// A body read to EOF (or to an error) has already given its
			// connection back to the Transport: not closing it breaks
			// the contract but leaks no socket. Such exits are reported
			// as ReadFailure, which httpbody shows only when strict.
			if e.state.bits&sOpen != 0 {
				leaked = append(leaked, e)
			} else if e.state.bits&sFailed != 0 {
				failed = append(failed, e)
			}
			continue
		}
		if e.state.bits&sFailed != 0 {
			failed = append(failed, e)
		}
		if e.state.bits&sLive != 0 {
			leaked = append(leaked, e)
		}
	}
	if r.res == Body && len(leaked) > 0 {
		failed = nil // an undrained exit is the finding
	}
	byPos := func(a, b exit) int { return int(a.pos - b.pos) }
	slices.SortFunc(failed, byPos)
	slices.SortFunc(leaked, byPos)
	f := Finding{Conn: r.name, From: r.provenance(), Goroutine: o.goroutine, Resource: r.res, Socket: r.socket, Sock: r.sock, ByRule: r.byRule}
	if r.kind == rootSource {
		f.SourcePos, f.Origin = r.call.Pos(), r.origin
		f.Holds = c.heldFields(r.value)
	} else {
		f.SourcePos = r.value.Pos()
	}
	switch {
	case len(failed) > 0:
		e := failed[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = ReadFailure, e.pos, e.isEnd
		if e.state.read != nil {
			f.ReadPos, f.Read = e.state.read.pos, e.state.read.name
		}
	case o.handler || len(leaked) == 0:
		return
	case r.kind == rootSource && r.name == "" && !r.closes() && !r.escapes() && passutil.InTestFile(c.pass.Fset, r.call.Pos()):
		return // `_, err := net.Dial(...)` in a test expects the call to fail
	case r.res == Body && !r.closes() && !r.escapes() && r.counts[evDrain] == 0:
		e := leaked[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = NeverClosed, e.pos, e.isEnd
	case r.kind == rootSource && !r.closes() && !r.escapes():
		e := leaked[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = NeverClosed, e.pos, e.isEnd
	default:
		e := leaked[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = Leak, e.pos, e.isEnd
	}
	f.Pos, f.End = f.ExitPos, f.ExitPos
	if f.Kind == NeverClosed {
		f.Pos, f.End = r.call.Pos(), r.call.Pos()
		if ce := c.callExpr(r.call.Pos()); ce != nil {
			f.Pos, f.End = ce.Pos(), ce.End()
		}
	} else if ret := c.returnStmt(f.ExitPos); ret != nil {
		f.End = ret.End()
	} else {
		f.End = f.Pos + 1
	}
	if !f.Pos.IsValid() {
		return // synthetic code: nowhere to report
	}
	f.Fix = c.fix(fi, r, o, exitAt(exits, f.ExitPos))
	c.findings = append(c.findings, f)
}

func isMainMain(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil &&
		fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}
