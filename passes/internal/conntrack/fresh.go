package conntrack

// This file decides whether the struct a field store writes into is
// fresh: made in this function, by the function that created this
// closure, or by a constructor of this package whose literal leaves the
// field unset. Such a struct holds no old conn, so storing the first one
// loses nothing (the reconnect field rule).

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxFreshDepth bounds how many closures and constructors freshStruct
// looks through.
const maxFreshDepth = 3

// freshStruct reports whether v, the base of a store to its field number
// field, is a struct whose field can hold no conn yet.
func freshStruct(v ssa.Value, field, depth int) bool {
	if depth > maxFreshDepth {
		return false
	}
	if isFreshAlloc(v) {
		return true
	}
	switch v := v.(type) {
	case *ssa.FreeVar:
		b := binding(v)
		return b != nil && freshStruct(b, field, depth+1)
	case *ssa.UnOp:
		if fv, ok := v.X.(*ssa.FreeVar); ok && v.Op == token.MUL {
			// The closure captured a variable it may share with its
			// parent: fresh if the parent's cell only ever holds a
			// fresh struct.
			b := binding(fv)
			cell, ok := b.(*ssa.Alloc)
			return ok && freshCell(cell)
		}
	case *ssa.Call:
		return freshFromConstructor(v, field, depth)
	}
	return false
}

// binding returns the value the parent function binds to the closure's
// free variable fv, when the closure is made once.
func binding(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	parent := fn.Parent()
	if parent == nil {
		return nil
	}
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	var found ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn || idx < 0 || idx >= len(mc.Bindings) {
				continue
			}
			if found != nil {
				return nil // made twice: bindings may differ
			}
			found = mc.Bindings[idx]
		}
	}
	return found
}

// freshCell reports whether a variable's cell only ever holds a fresh
// struct (or nil), as isFreshAlloc asks of a load of it.
func freshCell(cell *ssa.Alloc) bool {
	for _, ref := range *cell.Referrers() {
		load, ok := ref.(*ssa.UnOp)
		if ok && load.Op == token.MUL && load.X == cell {
			return isFreshAlloc(load)
		}
	}
	return false
}

// freshFromConstructor reports whether call is a static call of a
// function of this package that returns, in result 0, only structs it
// allocated and whose field number field it never sets.
func freshFromConstructor(call *ssa.Call, field, depth int) bool {
	fn := resolveCall(call.Common()).fn
	if fn == nil || len(fn.Blocks) == 0 || !samePkg(fn, call.Parent()) {
		return false
	}
	found := false
	for ret := range returns(fn) {
		if len(ret.Results) == 0 {
			continue
		}
		switch r := ret.Results[0].(type) {
		case *ssa.Const: // nil, on an error path
		case *ssa.Alloc:
			if setsField(r, field) {
				return false
			}
			found = true
		default:
			if !freshStruct(r, field, depth+1) {
				return false
			}
			found = true
		}
	}
	return found
}

// setsField reports whether the function stores anything but nil into
// field number field of the struct a allocates.
func setsField(a *ssa.Alloc, field int) bool {
	for _, ref := range *a.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Field != field {
			continue
		}
		for _, use := range *fa.Referrers() {
			st, ok := use.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			if k, ok := st.Val.(*ssa.Const); ok && k.IsNil() {
				continue // conn: nil
			}
			return true
		}
	}
	return false
}
