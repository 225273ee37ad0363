package deadline

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Config holds the options of the deadline analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -deadline.unused-ignores).
	UnusedIgnores bool
	// Clients also reports client conns (from Dial) read without a
	// deadline.
	Clients bool
	// Tests also reports conns in _test.go files, whose peer is the
	// test's own code.
	Tests bool
}

// Analyzer reports accepted conns read without a deadline, and TCP
// keep-alive turned off.
var Analyzer = New(Config{})

// New returns a deadline analyzer with its own copy of cfg; its flags set
// that copy.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	return check.New(check.Spec{
		Name:          "deadline",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           func(pass *analysis.Pass, r *report.Reporter) (any, error) { return run(pass, c, r) },
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&c.Clients, "clients", c.Clients, "also report client conns (from Dial) read without a deadline")
			fs.BoolVar(&c.Tests, "tests", c.Tests, "also report conns and keep-alive settings in _test.go files")
		},
	})
}

func run(pass *analysis.Pass, cfg *Config, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	isTest := func(pos token.Pos) bool {
		return !cfg.Tests && passutil.InTestFile(pass.Fset, pos)
	}
	for _, cn := range res.Conns() {
		if d, ok := unbounded(pass, cn, cfg); ok && !isTest(d.Pos) {
			diags = append(diags, d)
		}
	}
	if passutil.ImportsDirectly(pass.Pkg, kn.Net) {
		for _, f := range pass.Files {
			if !isTest(f.Pos()) {
				diags = append(diags, keepAliveOff(pass, f)...)
			}
		}
	}
	r.Report(pass, diags)
	return nil, nil
}

// unbounded reports a conn read with no deadline.
func unbounded(pass *analysis.Pass, cn conntrack.ConnInfo, cfg *Config) (analysis.Diagnostic, bool) {
	if cn.Resource != conntrack.Conn || !cn.FirstRead.IsValid() || cn.Deadline || cn.Escapes || (!cn.Accepted && !cfg.Clients) {
		return analysis.Diagnostic{}, false
	}
	name := "the conn"
	if cn.Name != "" {
		name = "conn " + cn.Name
	}
	side := "accepted"
	if !cn.Accepted {
		side = "client"
	}
	what := fmt.Sprintf("%s (%s) is read with no deadline", name, side)
	d := analysis.Diagnostic{
		Pos:      cn.FirstRead,
		Category: "noreaddeadline",
		Message:  what + ": a peer that stays silent holds it and this goroutine forever",
		Related:  []analysis.RelatedInformation{{Pos: cn.Pos, Message: "the conn is made (or handed over) here"}},
	}
	return d, true
}

// keepAliveOff finds TCP keep-alive turned off in f:
//
//	net.Dialer{KeepAlive: -1}            (and net.ListenConfig)
//	d.KeepAlive = -1
//	tc.SetKeepAlive(false)
//	tc.SetKeepAliveConfig(net.KeepAliveConfig{Idle: time.Minute})  // Enable unset
func keepAliveOff(pass *analysis.Pass, f *ast.File) []analysis.Diagnostic {
	var diags []analysis.Diagnostic
	report := func(n ast.Node, format string, args ...any) {
		diags = append(diags, analysis.Diagnostic{
			Pos: n.Pos(), End: n.End(), Category: "keepalive",
			Message: fmt.Sprintf(format, args...) + ": a vanished peer is never noticed",
		})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			typ := passutil.QualifiedName(pass.TypesInfo.TypeOf(n))
			if !kn.HasKeepAliveField(typ) {
				return true
			}
			ka, enabled := compositeKeepAlive(pass, n)
			if ka != nil && isNegative(pass, ka) && !enabled {
				report(ka, "%s with a negative KeepAlive turns TCP keep-alive off", typ)
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				sel, ok := lhs.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "KeepAlive" || i >= len(n.Rhs) {
					continue
				}
				typ := passutil.QualifiedName(pass.TypesInfo.TypeOf(sel.X))
				if kn.HasKeepAliveField(typ) && isNegative(pass, n.Rhs[i]) {
					report(n, "setting a negative %s.KeepAlive turns TCP keep-alive off", typ)
				}
			}
		case *ast.CallExpr:
			fn := calledMethod(pass, n, kn.SetKeepAlive, kn.SetKeepAliveConfig)
			switch {
			case fn == kn.SetKeepAlive && len(n.Args) == 1 && isConst(pass, n.Args[0], constant.MakeBool(false)):
				report(n, "SetKeepAlive(false) turns TCP keep-alive off")
			case fn == kn.SetKeepAliveConfig && len(n.Args) == 1:
				if lit, ok := ast.Unparen(n.Args[0]).(*ast.CompositeLit); ok && !enableTrue(pass, lit) {
					report(n, "SetKeepAliveConfig with Enable false or unset turns TCP keep-alive off (whatever Idle says)")
				}
			}
		}
		return true
	})
	return diags
}

// compositeKeepAlive returns the KeepAlive value of a Dialer or
// ListenConfig literal, and whether its KeepAliveConfig is a literal with
// Enable: true (or is not a literal: then it may enable keep-alive).
func compositeKeepAlive(pass *analysis.Pass, lit *ast.CompositeLit) (ka ast.Expr, enabled bool) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		switch key.Name {
		case "KeepAlive":
			ka = kv.Value
		case "KeepAliveConfig":
			cfg, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
			enabled = enabled || !ok || enableTrue(pass, cfg)
		case "Control", "ControlContext":
			// A negative KeepAlive only stops Go from setting keep-alive
			// itself; a Control function may turn SO_KEEPALIVE on with
			// the OS defaults (grpc's NetDialerWithTCPKeepalive does).
			enabled = true
		}
	}
	return ka, enabled
}

// enableTrue reports whether a KeepAliveConfig literal may set Enable to
// true (a constant true, or a value not known at compile time).
func enableTrue(pass *analysis.Pass, lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return true // positional fields: Enable is the first
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Enable" {
			return !isConst(pass, kv.Value, constant.MakeBool(false))
		}
	}
	return false
}

func isNegative(pass *analysis.Pass, e ast.Expr) bool {
	tv, ok := pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) < 0
}

func isConst(pass *analysis.Pass, e ast.Expr, v constant.Value) bool {
	tv, ok := pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && constant.Compare(tv.Value, token.EQL, v)
}

// calledMethod returns the qualified name of the method or function call
// calls if it is one of names, or "". The unqualified name is compared
// first: FullName allocates, and few calls can match.
func calledMethod(pass *analysis.Pass, call *ast.CallExpr, names ...string) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(n, "."+sel.Sel.Name) }) {
		return ""
	}
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return ""
	}
	if name := fn.FullName(); slices.Contains(names, name) {
		return name
	}
	return ""
}
