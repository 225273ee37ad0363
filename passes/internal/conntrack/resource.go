package conntrack

import (
	"go/token"
	"go/types"
	"slices"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ssa"
)

// rootKind says how a tracked conn enters a function.
type rootKind int

const (
	rootSource  rootKind = iota + 1 // made here: Dial, Accept, a fresh-conn helper
	rootParam                       // a parameter (owned if handed over, see ownedOperands)
	rootFreeVar                     // a closure's free variable
)

// provenance says, for the Result, how the function came to own r.
func (r *resource) provenance() Provenance {
	switch r.kind {
	case rootSource:
		if r.taken {
			return Taken
		}
		return Made
	case rootFreeVar:
		return Captured
	}
	return Param
}

// evKind is what an instruction does to a tracked conn.
type evKind int

const (
	evClose      evKind = iota + 1 // closes it now
	evDeferClose                   // defers its close: closed at every exit after this point
	evEscape                       // ownership may leave: stored, sent, unknown callee
	evReturn                       // returned to the caller (ownership leaves)
	evHandoff                      // handed to a goroutine (ownership leaves)
	evRead                         // read; the outcome values say if it failed
	evDrain                        // read until EOF or error: afterwards the peer is done
	evDeadline                     // a read deadline is set (no effect on ownership)
	evDead                         // returns only if the source failed: the conn is nil after it (require.Error)
	evShared                       // handed to a goroutine that only borrows it: this function still owns it
)

// event is one thing an instruction does to a resource.
type event struct {
	kind  evKind
	read  *readSite // evRead, evDrain
	onNil bool      // evEscape: taken only if the call's error is nil (TakesOnNil)
}

// readSite is a read of a tracked conn.
type readSite struct {
	pos  token.Pos
	name string // "c.Read", "io.ReadFull", "sc.Scan"
}

// flavor says how a read's outcome value signals failure.
type flavor int

const (
	flErr   flavor = iota + 1 // an error: non-nil (or io.EOF) means failure
	flOK                      // a bool: false means failure (Scanner.Scan)
	flCount                   // a byte count: 0 means EOF
	flIsEOF                   // errors.Is(err, io.EOF): true means failure
)

type outcome struct {
	site   *readSite
	flavor flavor
}

// handoff is a tracked conn passed to a goroutine in this package.
type handoff struct {
	target  *ssa.Function
	operand int
	stmt    *ssa.Go
}

// resource is one tracked conn in one function, with everything that
// aliases it (members), everything that reads from it without owning it
// (views), and what each instruction does to it.
type resource struct {
	kind    rootKind
	operand int             // rootParam, rootFreeVar: the operand number
	value   ssa.Value       // the conn as it enters: Param, FreeVar, or the source's result
	call    ssa.Instruction // rootSource: the call that makes it (or, taken, the take)
	errVal  ssa.Value       // rootSource: the call's error result, if any
	origin  string          // how the conn was made, for messages
	accept  bool            // rootSource: accepted by a TCP listener (server side)
	res     ResourceKind    // what is tracked
	socket  bool            // a file that reached net.FileConn and friends
	sock    Socket          // the kind of socket (conns only)
	byRule  bool            // rootSource: a source by the name-and-type rule
	listens bool            // rootSource: a listen call (made once, not redialled)
	taken   bool            // rootSource: taken out of a container at call (container.go)
	okVal   ssa.Value       // taken: the comma-ok bool saying the container held it, if any
	name    string          // the variable holding it, for messages ("" if unknown)
	members map[ssa.Value]bool
	views   map[ssa.Value]bool
	events  map[ssa.Instruction][]event
	reads   map[ssa.Value]outcome // outcome values of reads
	nilCmp  map[*ssa.BinOp]bool   // comparisons of a member with nil
	errCmp  map[*ssa.BinOp]bool   // comparisons of errVal with nil
	errIs   map[ssa.Value]bool    // errVal == ErrX, errors.Is(errVal, X), errors.As(errVal, &t): true means failed
	errOK   map[ssa.Value]bool    // assert.NoError(t, errVal): true means errVal is nil
	pendErr map[ssa.Value]bool    // errors of calls that take it only when nil (TakesOnNil)
	counts  map[evKind]int        // events by kind, flow-insensitively
	goes    []handoff             // goroutines this conn is handed to
	retIdx  map[int]bool          // result indices it is returned in
	order   []ssa.Instruction     // instructions with events, for determinism
	exits   []exit                // the dataflow's exits, once flowed
	flowed  bool
	worklst []ssa.Value
}

func newResource(kind rootKind, v ssa.Value) *resource {
	return &resource{
		kind:    kind,
		value:   v,
		members: make(map[ssa.Value]bool),
		views:   make(map[ssa.Value]bool),
		events:  make(map[ssa.Instruction][]event),
		reads:   make(map[ssa.Value]outcome),
		nilCmp:  make(map[*ssa.BinOp]bool),
		errCmp:  make(map[*ssa.BinOp]bool),
		errIs:   make(map[ssa.Value]bool),
		errOK:   make(map[ssa.Value]bool),
		pendErr: make(map[ssa.Value]bool),
		counts:  make(map[evKind]int),
		retIdx:  make(map[int]bool),
	}
}

func (r *resource) addEvent(instr ssa.Instruction, ev event) {
	if _, ok := r.events[instr]; !ok {
		r.order = append(r.order, instr)
	}
	r.events[instr] = append(r.events[instr], ev)
	r.counts[ev.kind]++
}

// closes reports whether anything in the function closes the conn or
// defers its close.
func (r *resource) closes() bool { return r.counts[evClose]+r.counts[evDeferClose] > 0 }

// escapes reports whether ownership may leave the function anywhere.
func (r *resource) escapes() bool {
	return r.counts[evEscape]+r.counts[evReturn]+r.counts[evHandoff] > 0
}

// buildInfo finds the resources of fn and what each instruction does to
// them.
func (c *checker) buildInfo(fn *ssa.Function) *funcInfo {
	fi := &funcInfo{fn: fn, kills: make(map[ssa.Instruction]bool)}
	var roots []*resource
	for i, p := range fn.Params {
		if c.isConnLike(p.Type()) {
			r := newResource(rootParam, p)
			r.res, r.sock = c.kindOf(p.Type()), SocketOf(p.Type())
			r.operand, r.name = i, p.Name()
			roots = append(roots, r)
		}
	}
	for i, fv := range fn.FreeVars {
		t := fv.Type()
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			t = ptr.Elem() // a captured variable
		}
		if c.isConnLike(t) {
			r := newResource(rootFreeVar, fv)
			r.res, r.sock = c.kindOf(t), SocketOf(t)
			r.operand, r.name = len(fn.Params)+i, fv.Name()
			roots = append(roots, r)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			ce := c.resolve(call.Common())
			if ce.noReturn(c) && call.Common().IsInvoke() {
				fi.kills[call] = true
			}
			ce = c.devirtualize(ce)
			kind, ok := c.isSource(ce)
			sock, byRule := Socket(0), false
			if ok {
				sock = c.sockOf(ce, call)
			} else if sock, byRule = c.ruleSource(call, ce); byRule {
				kind, ok = Conn, true
			}
			if ok {
				if kind == Body && c.sendsHead(call) {
					continue // a HEAD response has no body
				}
				v := resultValue(call, 0)
				r := newResource(rootSource, v)
				r.call, r.origin, r.res, r.sock, r.byRule = call, originName(ce), kind, sock, byRule
				// Listeners and packet sockets are a server's, bound once,
				// also when a package's own helper makes them (miekg/dns
				// listenUDP): their stores are no reconnects.
				r.listens = sock == ListenerSocket || sock == PacketSocket || kn.IsListen(c.key(ce))
				r.accept = kind == Conn && c.isAccept(ce)
				r.errVal = errorResult(call)
				roots = append(roots, r)
			}
		}
	}
	roots = append(roots, c.takenRoots(fn)...)
	if len(fn.Blocks)*(len(roots)+1) > maxWork {
		c.skipped[fn] = "function too large for the dataflow budget"
		return nil
	}
	for _, r := range roots {
		c.track(fn, r)
	}
	fi.resources = roots
	return fi
}

// resultValue returns the value of result i of call: the call itself when
// it has one result, else the Extract of index i (nil if unused).
func resultValue(call *ssa.Call, i int) ssa.Value {
	if _, ok := call.Type().(*types.Tuple); !ok {
		return call
	}
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// track computes the members, views and events of r by following the
// referrers of its value.
func (c *checker) track(fn *ssa.Function, r *resource) {
	if r.value != nil {
		r.addMember(r.value)
	}
	if r.errVal != nil {
		for _, ev := range errAliases(r.errVal) {
			for _, ref := range *ev.Referrers() {
				switch u := ref.(type) {
				case *ssa.BinOp:
					if isNilCmp(u, ev) {
						r.errCmp[u] = true
					} else if isErrValueCmp(u, ev) {
						r.errIs[u] = true
					}
				case *ssa.Call:
					if isErrorsIsAs(u, ev) {
						r.errIs[u] = true
					}
				}
			}
			for _, ck := range c.assertions(ev) {
				switch {
				case !ck.stops && resultUnused(ck.call) && !ck.holdsNil:
					// assert.Error(t, err) as a statement: the test expects
					// the dial to fail, and has failed already where it
					// did not.
					r.addEvent(ck.call, event{kind: evDead})
				case !ck.stops && ck.holdsNil:
					r.errOK[ck.call] = true // if assert.NoError(t, err)
				case !ck.stops:
					r.errIs[ck.call] = true // if assert.Error(t, err)
				case !ck.holdsNil:
					r.addEvent(ck.call, event{kind: evDead}) // require.Error(t, err)
				}
			}
		}
	}
	for len(r.worklst) > 0 {
		v := r.worklst[len(r.worklst)-1]
		r.worklst = r.worklst[:len(r.worklst)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, instr := range *refs {
			if r.views[v] && !r.members[v] {
				c.viewUse(fn, r, v, instr)
			} else {
				c.memberUse(fn, r, v, instr)
			}
		}
	}
	c.keepReaderHandoffs(r)
	if r.name == "" {
		r.name = c.varName(fn, r)
	}
	if r.call != nil && !r.taken {
		if call := c.callExpr(r.call.Pos()); call != nil {
			r.origin = types.ExprString(call.Fun)
		}
	}
}

func (r *resource) addMember(v ssa.Value) {
	if v == nil || r.members[v] {
		return
	}
	r.members[v] = true
	r.worklst = append(r.worklst, v)
}

func (r *resource) addView(v ssa.Value) {
	if v == nil || r.views[v] || r.members[v] {
		return
	}
	r.views[v] = true
	r.worklst = append(r.worklst, v)
}

// memberUse records what instr does with v, a value that is the conn.
func (c *checker) memberUse(fn *ssa.Function, r *resource, v ssa.Value, instr ssa.Instruction) {
	switch u := instr.(type) {
	case *ssa.Phi, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.MakeInterface:
		r.addMember(u.(ssa.Value))
	case *ssa.TypeAssert:
		if !u.CommaOk {
			r.addMember(u)
		} else {
			r.addMember(extract(u, 0))
		}
	case *ssa.UnOp:
		if u.Op == token.MUL {
			r.addMember(u) // load from a captured variable or a field
		}
	case *ssa.FieldAddr, *ssa.Field:
		// A conn-like field of the conn (an embedded net.Conn of a
		// wrapper): closing it closes the conn.
		if val := u.(ssa.Value); c.isConnLike(derefType(val.Type())) {
			r.addMember(val)
		}
	case *ssa.Store:
		switch {
		case u.Val != v:
			// Storing into the conn's cell or field: an overwrite,
			// the reconnect check's business.
		case isCell(u.Addr):
			r.addMember(u.Addr)
		case isWrapperField(u.Addr) || c.isOwnerField(u.Addr):
			// &wrapper{conn: c} where wrapper has a Close method: the
			// wrapper now owns c, and closing it closes c (an owning
			// field, as in the Resource Leak Checker).
			r.addMember(u.Addr.(*ssa.FieldAddr).X)
		default:
			r.addEvent(u, event{kind: evEscape})
		}
	case *ssa.BinOp:
		if isNilCmp(u, v) {
			r.nilCmp[u] = true
		}
	case *ssa.Return:
		r.addEvent(u, event{kind: evReturn})
		for i, res := range u.Results {
			if res == v {
				r.retIdx[i] = true
			}
		}
	case *ssa.MakeClosure:
		c.closureUse(fn, r, v, u)
	case ssa.CallInstruction:
		c.callUse(fn, r, v, u, u.Common())
	case *ssa.DebugRef, *ssa.Panic, *ssa.If:
		// no effect on ownership
	case *ssa.Send, *ssa.MapUpdate, *ssa.Slice, *ssa.Convert, *ssa.MakeSlice, *ssa.IndexAddr, *ssa.Index, *ssa.Lookup:
		r.addEvent(instr, event{kind: evEscape})
	default:
		r.addEvent(instr, event{kind: evEscape})
	}
}

// viewUse records what instr does with v, a reader built over the conn.
func (c *checker) viewUse(fn *ssa.Function, r *resource, v ssa.Value, instr ssa.Instruction) {
	switch u := instr.(type) {
	case *ssa.Phi, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.MakeInterface:
		r.addView(u.(ssa.Value))
	case *ssa.TypeAssert:
		if !u.CommaOk {
			r.addView(u)
		} else {
			r.addView(extract(u, 0))
		}
	case *ssa.UnOp:
		if u.Op == token.MUL {
			r.addView(u)
		}
	case *ssa.Store:
		if u.Val == v && isCell(u.Addr) {
			r.addView(u.Addr)
		}
	case ssa.CallInstruction:
		call, ok := u.(*ssa.Call)
		if !ok {
			return
		}
		ce := c.resolve(call.Common())
		i := operandIndex(ce, v)
		if i < 0 {
			return
		}
		eff := c.effect(ce, i)
		switch {
		case eff.role == kn.View || eff.role == kn.Wrap:
			r.addView(resultValue(call, 0))
		case eff.role == kn.Drain:
			r.addEvent(call, event{kind: evDrain, read: c.readSite(call, ce)})
		case eff.role == kn.Read || eff.reads:
			r.addRead(call, c.readSite(call, ce))
		}
	}
}

// closureUse handles a conn (or its cell) captured by a closure: what
// happens to it depends on how the closure is used.
func (c *checker) closureUse(fn *ssa.Function, r *resource, v ssa.Value, mc *ssa.MakeClosure) {
	for _, ref := range *mc.Referrers() {
		ci, ok := ref.(ssa.CallInstruction)
		if !ok || ci.Common().Value != mc {
			r.addEvent(ref, event{kind: evEscape}) // the closure itself escapes
			continue
		}
		c.callUse(fn, r, v, ci, ci.Common())
	}
}

// callUse records the effect of a call, defer or go statement that has v
// (a member) among its operands.
func (c *checker) callUse(fn *ssa.Function, r *resource, v ssa.Value, instr ssa.CallInstruction, common *ssa.CallCommon) {
	ce := c.resolve(common)
	i := operandIndex(ce, v)
	if i < 0 {
		if common.Value == v && !common.IsInvoke() {
			r.addEvent(instr, event{kind: evEscape}) // calling the conn?
		}
		return
	}
	if g, ok := instr.(*ssa.Go); ok {
		if c.borrowsElsewhere(ce, i) {
			// go pkg.Serve(c) where Serve, by its fact, neither closes
			// nor keeps c: this function is still c's only owner.
			r.addEvent(g, event{kind: evShared})
			return
		}
		r.addEvent(g, event{kind: evHandoff})
		target := ce.fn
		if target != nil && target.Origin() != nil {
			target = c.twins.origin(target) // go handle[T](c): the generic body owns c
		}
		if target != nil && samePkg(target, fn) && len(target.Blocks) > 0 {
			r.goes = append(r.goes, handoff{target, i, g})
		}
		return
	}
	eff := c.effect(ce, i)
	if kn.DupsSocketFile(c.key(ce)) {
		r.socket = true
	}
	if d, ok := instr.(*ssa.Defer); ok {
		switch eff.role {
		case kn.Close:
			r.addEvent(d, event{kind: evDeferClose})
		case kn.Borrow, kn.Read, kn.Drain, kn.View, kn.Deadline:
			// a deferred use: nothing to track
		default:
			r.addEvent(d, event{kind: evEscape})
		}
		return
	}
	call := instr.(*ssa.Call)
	if eff.deadline {
		r.addEvent(call, event{kind: evDeadline})
	}
	switch eff.role {
	case kn.Deadline:
		r.addEvent(call, event{kind: evDeadline})
	case kn.Close:
		r.addEvent(call, event{kind: evClose})
	case kn.Borrow:
		if eff.reads {
			r.addRead(call, c.readSite(call, ce))
		}
		if eff.aliases {
			r.addMember(resultValue(call, 0))
		}
	case kn.Read:
		r.addRead(call, c.readSite(call, ce))
	case kn.Drain:
		r.addEvent(call, event{kind: evDrain, read: c.readSite(call, ce)})
	case kn.Wrap:
		r.addMember(resultValue(call, 0))
	case kn.View:
		r.addView(resultValue(call, 0))
	default: // kn.Take, or unknown
		if ev, ok := c.takesOnNil(ce, i, call); ok {
			r.pendErr[ev] = true
			r.addEvent(call, event{kind: evEscape, onNil: true})
			return
		}
		r.addEvent(call, event{kind: evEscape})
	}
}

// addRead records a read by call and the values that carry its outcome.
func (r *resource) addRead(call *ssa.Call, site *readSite) {
	r.addEvent(call, event{kind: evRead, read: site})
	sig := call.Common().Signature()
	res := sig.Results()
	if res.Len() == 0 {
		return
	}
	last := res.Len() - 1
	lt := res.At(last).Type()
	switch {
	case isErrorType(lt):
		r.addOutcome(resultValue(call, last), outcome{site, flErr})
	case isBool(lt):
		r.addOutcome(resultValue(call, last), outcome{site, flOK})
	}
	if res.Len() >= 2 && isInt(res.At(0).Type()) {
		r.addOutcome(resultValue(call, 0), outcome{site, flCount})
	}
}

// addOutcome records v as carrying a read's outcome, and follows it
// through phis (err assigned in a loop) and errors.Is(err, io.EOF).
func (r *resource) addOutcome(v ssa.Value, o outcome) {
	if v == nil {
		return
	}
	if _, ok := r.reads[v]; ok {
		return
	}
	r.reads[v] = o
	for _, load := range withLoads(v)[1:] {
		r.addOutcome(load, o)
	}
	for _, ref := range *v.Referrers() {
		switch u := ref.(type) {
		case *ssa.Phi:
			r.addOutcome(u, o)
		case *ssa.Call:
			if o.flavor == flErr && isEOFCheck(u) {
				r.addOutcome(u, outcome{o.site, flIsEOF})
			}
		}
	}
}

// extract returns the Extract of index i of a tuple-valued v, or nil.
func extract(v ssa.Value, i int) ssa.Value {
	for _, ref := range *v.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// isCell reports whether addr is a local variable captured by a closure
// (or otherwise not lifted) that is used only to load, store and capture:
//
//	t0 = local net.Conn (c)   or   t0 = new net.Conn (c)
//	*t0 = t1
//	t2 = *t0
//	t3 = make closure f$1 [t0]
func isCell(addr ssa.Value) bool {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range *alloc.Referrers() {
		switch u := ref.(type) {
		case *ssa.Store:
			if u.Val == alloc {
				return false
			}
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// isNilCmp reports whether b compares v with nil (== or !=).
func isNilCmp(b *ssa.BinOp, v ssa.Value) bool {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return false
	}
	return (b.X == v && isNil(b.Y)) || (b.Y == v && isNil(b.X))
}

func isNil(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.IsNil()
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func isInt(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func derefType(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isEOFCheck reports whether call is errors.Is(x, io.EOF) or
// errors.Is(x, io.ErrUnexpectedEOF).
func isEOFCheck(call *ssa.Call) bool {
	fn, ok := call.Common().Value.(*ssa.Function)
	if !ok || fn.Object() == nil || fn.Object().(*types.Func).FullName() != "errors.Is" {
		return false
	}
	return len(call.Common().Args) == 2 && isEOFValue(call.Common().Args[1])
}

// isEOFValue reports whether v is io.EOF or io.ErrUnexpectedEOF (a load of
// the global, possibly converted).
func isEOFValue(v ssa.Value) bool {
	if ci, ok := v.(*ssa.ChangeInterface); ok {
		v = ci.X
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	if !ok || g.Pkg == nil || g.Pkg.Pkg.Path() != kn.IO {
		return false
	}
	return g.Name() == "EOF" || g.Name() == "ErrUnexpectedEOF"
}

// isWrapperField reports whether addr is a field of a struct allocated in
// this function whose type has a Close method:
//
//	t0 = new wrapper (complit)
//	t1 = &t0.conn [#0]
//	*t1 = c
func isWrapperField(addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	alloc, ok := fa.X.(*ssa.Alloc)
	return ok && hasCloseMethod(alloc.Type())
}

// takesOnNil returns the error result of call when its callee takes
// operand i only if that error is nil (summary.TakesOnNil).
func (c *checker) takesOnNil(ce callee, i int, call *ssa.Call) (ssa.Value, bool) {
	s := c.summaryOf(ce)
	if s == nil || !slices.Contains(s.TakesOnNil, i) {
		return nil, false
	}
	res := call.Common().Signature().Results()
	if res.Len() == 0 || !isErrorType(res.At(res.Len()-1).Type()) {
		return nil, false
	}
	v := resultValue(call, res.Len()-1)
	if v == nil {
		return nil, false
	}
	return v, true
}
