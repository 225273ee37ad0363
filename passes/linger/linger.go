package linger

import (
	_ "embed"
	"flag"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

//go:embed doc.go
var doc string

// Config holds the options of the linger analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -linger.unused-ignores).
	UnusedIgnores bool
	// Positive also reports a positive linger time (Close blocks).
	Positive bool
	// Tests also reports calls in _test.go files, where a reset is
	// usually deliberate (a test simulating a peer that resets).
	Tests bool
}

// Analyzer reports abortive closes: SetLinger(0) and SO_LINGER 0.
var Analyzer = New(Config{})

// New returns a linger analyzer with its own copy of cfg; its flags set
// that copy, never shared state.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	return check.New(check.Spec{
		Name:          "linger",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           func(pass *analysis.Pass, r *report.Reporter) (any, error) { return run(pass, c, r) },
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&c.Positive, "positive", c.Positive, "also report a positive linger time (Close blocks until sent or timeout)")
			fs.BoolVar(&c.Tests, "tests", c.Tests, "also report calls in _test.go files")
		},
	})
}

func run(pass *analysis.Pass, cfg *Config, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if !cfg.Tests && passutil.InTestFile(pass.Fset, call.Pos()) {
					continue
				}
				if d, ok := lingerCall(call, cfg); ok {
					diags = append(diags, d)
				}
			}
		}
	}
	r.Report(pass, diags)
	return nil, nil
}

// lingerCall reports whether call configures an abortive (or, with Positive, a
// blocking) close.
//
//	tc.SetLinger(0)                               (*net.TCPConn).SetLinger, or an interface's
//	syscall.SetsockoptLinger(fd, l, o, &syscall.Linger{Onoff: 1, Linger: 0})
func lingerCall(call ssa.CallInstruction, cfg *Config) (analysis.Diagnostic, bool) {
	obj, ops := conntrack.Callee(call.Common())
	if obj == nil || !call.Pos().IsValid() {
		return analysis.Diagnostic{}, false
	}
	switch {
	case obj.Name() == "SetLinger" && isSetLinger(obj) && len(ops) == 2:
		sec, ok := intValue(ops[1])
		switch {
		case !ok:
		case sec == 0:
			return analysis.Diagnostic{
				Pos: call.Pos(), Category: "setlinger0",
				Message: "SetLinger(0) makes Close abortive: the kernel discards unsent data and sends RST instead of FIN",
			}, true
		case sec > 0 && cfg.Positive:
			return analysis.Diagnostic{
				Pos: call.Pos(), Category: "positive",
				Message: fmt.Sprintf("SetLinger(%d) makes Close block until unsent data is acknowledged or %ds pass", sec, sec),
			}, true
		}
	case obj.Name() == kn.SetsockoptLinger && obj.Pkg() != nil && kn.IsSockoptPackage(obj.Pkg().Path()) && len(ops) == 4:
		if onoff, linger, ok := lingerStruct(ops[3]); ok && onoff != 0 && linger == 0 {
			return analysis.Diagnostic{
				Pos: call.Pos(), Category: "sockoptlinger0",
				Message: "SO_LINGER with Onoff set and Linger 0 makes close abortive: the kernel sends RST instead of FIN",
			}, true
		}
	}
	return analysis.Diagnostic{}, false
}

// isSetLinger reports whether m is (*net.TCPConn).SetLinger or an
// interface method SetLinger(int) error.
func isSetLinger(m *types.Func) bool {
	if m.FullName() == kn.SetLinger {
		return true
	}
	recv := m.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) {
		return false
	}
	sig := m.Signature()
	if sig.Params().Len() != 1 || sig.Results().Len() != 1 {
		return false
	}
	b, ok := sig.Params().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Int
}

// intValue returns the value of v if it is provably one integer: a
// constant, or a phi (a variable assigned on several branches) all of
// whose edges are that constant.
func intValue(v ssa.Value) (int64, bool) {
	seen := make(map[ssa.Value]bool)
	var val func(v ssa.Value) (int64, bool)
	val = func(v ssa.Value) (int64, bool) {
		switch v := v.(type) {
		case *ssa.Const:
			if v.Value == nil || v.Value.Kind() != constant.Int {
				return 0, false
			}
			return constant.Int64Val(v.Value)
		case *ssa.Phi:
			if seen[v] {
				return 0, false
			}
			seen[v] = true
			var out int64
			for i, e := range v.Edges {
				x, ok := val(e)
				if !ok || (i > 0 && x != out) {
					return 0, false
				}
				out = x
			}
			return out, len(v.Edges) > 0
		case *ssa.Convert:
			return val(v.X)
		}
		return 0, false
	}
	return val(v)
}

// lingerStruct returns the Onoff and Linger fields of the *Linger l
// when both are known: l is a local (or composite literal) whose fields
// are only stored constants; an unset field is 0.
//
//	t0 = new syscall.Linger (complit)
//	t1 = &t0.Onoff [#0]
//	*t1 = 1:int32
func lingerStruct(l ssa.Value) (onoff, linger int64, ok bool) {
	alloc, isAlloc := l.(*ssa.Alloc)
	if !isAlloc {
		return 0, 0, false
	}
	st, isStruct := alloc.Type().(*types.Pointer).Elem().Underlying().(*types.Struct)
	if !isStruct {
		return 0, 0, false
	}
	fields := map[string]int64{}
	for _, ref := range *alloc.Referrers() {
		if store, isStore := ref.(*ssa.Store); isStore && store.Addr == alloc {
			// A whole value copied in: l := syscall.Linger{Onoff: 1}
			//	t3 = *t1      (t1 the composite literal)
			//	*t0 = t3
			load, isLoad := store.Val.(*ssa.UnOp)
			if !isLoad || load.Op != token.MUL {
				return 0, 0, false
			}
			on, lg, known := lingerStruct(load.X)
			if !known || len(fields) > 0 {
				return 0, 0, false
			}
			fields["Onoff"], fields["Linger"] = on, lg
			continue
		}
		fa, isField := ref.(*ssa.FieldAddr)
		if !isField {
			continue // passed to the call, or a debug reference
		}
		name := st.Field(fa.Field).Name()
		for _, fref := range *fa.Referrers() {
			store, isStore := fref.(*ssa.Store)
			if !isStore {
				continue
			}
			x, known := intValue(store.Val)
			if !known {
				return 0, 0, false
			}
			if prev, set := fields[name]; set && prev != x {
				return 0, 0, false
			}
			fields[name] = x
		}
	}
	return fields["Onoff"], fields["Linger"], true
}
