package conntrack

// This file learns owning types: a struct type T owns its conn field f
// when a method of T closes f, whatever the method is called (Stop,
// Shutdown, Disconnect...). An owning type is then tracked like a conn:
// a fresh T that holds an open conn must reach one of T's closing methods
// (or leave the function), as the Resource Leak Checker's owning fields.
// Types with a `Close() error` method are owners already (hasCloseMethod);
// this covers the others, and exports what it learnt as a fact on the
// type so that packages using T see it too.

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// ownerFact says that a struct type owns conn fields: a method closes
// each of Fields. Closers are the methods that close one of them and
// never store into it (a reconnect that closes the old conn and dials a
// new one is not a closer).
type ownerFact struct {
	Fields  []string
	Closers []string
}

// AFact marks ownerFact as an analysis fact.
func (*ownerFact) AFact() {}

// String is what `// want T:"..."` fact expectations match.
func (f *ownerFact) String() string {
	return "owns(" + strings.Join(f.Fields, ",") + ") closedBy(" + strings.Join(f.Closers, ",") + ")"
}

// learnOwners finds the owning types declared in the package from the
// bodies of their methods.
func (c *checker) learnOwners() map[*types.TypeName]*ownerFact {
	closed := make(map[*types.TypeName]map[string]bool)
	closers := make(map[*types.TypeName][]string)
	for _, fn := range c.funcs {
		if fn.Parent() != nil || fn.Signature.Recv() == nil || len(fn.Params) == 0 {
			continue
		}
		tn := ownerCandidate(fn.Params[0].Type(), c.pass.Pkg)
		if tn == nil {
			continue
		}
		closes, stores := make(map[string]bool), make(map[string]bool)
		c.scanReceiverUses(fn, map[ssa.Value]bool{fn.Params[0]: true}, closes, stores, 0)
		if len(closes) == 0 {
			continue
		}
		if closed[tn] == nil {
			closed[tn] = make(map[string]bool)
		}
		closer := true
		for f := range closes {
			closed[tn][f] = true
			if stores[f] {
				closer = false
			}
		}
		if closer {
			closers[tn] = append(closers[tn], fn.Name())
		}
	}
	owners := make(map[*types.TypeName]*ownerFact)
	for tn, fields := range closed {
		f := &ownerFact{Closers: closers[tn]}
		for name := range fields {
			f.Fields = append(f.Fields, name)
		}
		slices.Sort(f.Fields)
		slices.Sort(f.Closers)
		owners[tn] = f
	}
	return owners
}

// exportOwners exports the owning types of the package as facts, in a
// deterministic order.
func (c *checker) exportOwners() {
	names := make([]*types.TypeName, 0, len(c.owners))
	for tn := range c.owners {
		names = append(names, tn)
	}
	slices.SortFunc(names, func(a, b *types.TypeName) int { return int(a.Pos() - b.Pos()) })
	for _, tn := range names {
		c.pass.ExportObjectFact(tn, c.owners[tn])
	}
}

// ownerCandidate returns the named struct type of a receiver of type t
// (T or *T) when it is declared in pkg and has no Close() error method
// (those own their conn fields already).
func ownerCandidate(t types.Type, pkg *types.Package) *types.TypeName {
	named := namedStruct(t)
	if named == nil || named.Obj().Pkg() != pkg || hasCloseMethod(types.NewPointer(named)) {
		return nil
	}
	return named.Obj()
}

// namedStruct returns the named struct type t is, or points to.
func namedStruct(t types.Type) *types.Named {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok {
		return nil
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return nil
	}
	return named
}

// scanReceiverUses records, in fn, the conn fields of a receiver alias
// (recv) that are closed (x.f.Close(), deferred or not) and stored into.
// Function literals that capture the receiver are scanned too
// (once.Do(func() { x.f.Close() })), to a small depth.
func (c *checker) scanReceiverUses(fn *ssa.Function, recv map[ssa.Value]bool, closes, stores map[string]bool, depth int) {
	// A receiver captured by a literal lives in a cell: t0 = new *T;
	// *t0 = recv. The cell stands for the receiver (loads of it are
	// accepted by connField).
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && recv[st.Val] {
				if alloc, ok := st.Addr.(*ssa.Alloc); ok {
					recv[alloc] = true
				}
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch u := instr.(type) {
			case *ssa.Store:
				if f := c.connField(u.Addr, recv); f != "" {
					stores[f] = true
				}
			case *ssa.MakeClosure:
				if depth >= 2 {
					continue
				}
				anon, ok := u.Fn.(*ssa.Function)
				if !ok {
					continue
				}
				inner := make(map[ssa.Value]bool)
				for i, bound := range u.Bindings {
					if recv[bound] && i < len(anon.FreeVars) {
						inner[anon.FreeVars[i]] = true
					}
				}
				if len(inner) > 0 {
					c.scanReceiverUses(anon, inner, closes, stores, depth+1)
				}
			case ssa.CallInstruction:
				if f := c.closedField(u.Common(), recv); f != "" {
					closes[f] = true
				}
			}
		}
	}
}

// closedField returns the conn field of recv that the call closes
// (recv.f.Close()), or "".
func (c *checker) closedField(common *ssa.CallCommon, recv map[ssa.Value]bool) string {
	obj, ops := Callee(common)
	if obj == nil || obj.Name() != "Close" || obj.Signature().Recv() == nil || len(ops) == 0 {
		return ""
	}
	x := ops[0]
	for {
		switch v := x.(type) {
		case *ssa.ChangeInterface:
			x = v.X
			continue
		case *ssa.MakeInterface:
			x = v.X
			continue
		}
		break
	}
	load, ok := x.(*ssa.UnOp)
	if !ok {
		if fld, ok := x.(*ssa.Field); ok && recv[fld.X] {
			return c.connFieldName(fld.X.Type(), fld.Field)
		}
		return ""
	}
	return c.connField(load.X, recv)
}

// connField returns the name of the field addr points to when addr is
// &recv.f and f holds a conn, or "".
func (c *checker) connField(addr ssa.Value, recv map[ssa.Value]bool) string {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	x := fa.X
	if load, ok := x.(*ssa.UnOp); ok && load.Op == token.MUL && recv[load.X] {
		x = load.X // a captured receiver: *freevar
	}
	if !recv[x] {
		return ""
	}
	return c.connFieldName(fa.X.Type(), fa.Field)
}

// connFieldName returns the name of field i of the struct t is, or points
// to, if it holds a conn.
func (c *checker) connFieldName(t types.Type, i int) string {
	st, ok := derefType(t).Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return ""
	}
	f := st.Field(i)
	if !types.Implements(f.Type(), c.netConn) {
		return ""
	}
	return f.Name()
}

// ownerOf returns the fact of the owning type t is, or points to; nil if
// t is not an owner learnt from method bodies.
func (c *checker) ownerOf(t types.Type) *ownerFact {
	named := namedStruct(t)
	if named == nil {
		return nil
	}
	tn := named.Obj()
	if tn.Pkg() == c.pass.Pkg {
		return c.owners[tn]
	}
	if f, ok := c.imported[tn]; ok {
		return f
	}
	var f *ownerFact
	if tn.Pkg() != nil {
		var fact ownerFact
		if c.pass.ImportObjectFact(tn, &fact) {
			f = &fact
		}
	}
	c.imported[tn] = f
	return f
}

// isOwnerField reports whether addr is an owning field of a struct
// allocated in this function (t0 = new T; t1 = &t0.f; *t1 = c), where T
// owns f by its methods.
func (c *checker) isOwnerField(addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	alloc, ok := fa.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	f := c.ownerOf(alloc.Type())
	return f != nil && len(f.Closers) > 0 && slices.Contains(f.Fields, c.connFieldName(alloc.Type(), fa.Field))
}

// isOwner reports whether t is, or points to, an owning type learnt from
// method bodies that some method closes.
func (c *checker) isOwner(t types.Type) bool {
	f := c.ownerOf(t)
	return f != nil && len(f.Closers) > 0
}

// isClosingMethod reports whether obj is a Close method, or a closing
// method of an owning type learnt from its body.
func (c *checker) isClosingMethod(obj *types.Func) bool {
	if obj.Name() == "Close" {
		return true
	}
	recv := obj.Signature().Recv()
	if recv == nil {
		return false
	}
	f := c.ownerOf(recv.Type())
	return f != nil && slices.Contains(f.Closers, obj.Name())
}

// heldFields names the conn fields of v's owning type learnt from its
// methods ("conn", "rd, wr"), or "" when v is no such owner.
func (c *checker) heldFields(v ssa.Value) string {
	if v == nil {
		return ""
	}
	if f := c.ownerOf(v.Type()); f != nil && len(f.Closers) > 0 {
		return strings.Join(f.Fields, ", ")
	}
	return ""
}
