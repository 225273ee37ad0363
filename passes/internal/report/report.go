// Package report is the one place where every closewait pass reports its
// diagnostics. It gives all drivers (the closewait command, go vet, go
// fix, gopls, golangci-lint) the same behaviour:
//
//   - findings in generated files are dropped;
//   - a //closewait:ignore directive on the reported line or on the line
//     above suppresses the finding of the check it names;
//   - malformed directives (no check, an unknown check, no reason; a
//     space after the slashes, an unknown //closewait:<word>) are
//     reported with a hint, and, behind the -<check>.unused-ignores flag, so are
//     directives that suppress nothing;
//   - diagnostics are reported in a deterministic order.
//
// A directive reads
//
//	//closewait:ignore <check>[,<check>...] <reason>
//
// with no space after the slashes, like other Go directives. The reason
// is required: a directive without one suppresses nothing. The reason may
// also be written nolint-style, after a second "//".
//
// Each problem with a directive is reported once, by one check, so that
// running the whole suite never prints it twice: the check the directive
// names, or, for a name that is no check, the check nearest in spelling
// (the one the author most likely meant). Hence every pass of the suite
// must report through a Reporter. The names directives may use (Checks,
// in checks.go) are generated from analyzer.Suite by
// `go generate ./cmd/closewait`.
//
// Why not staticcheck's generated fact: honnef.co/go/tools'
// facts/generated recognises a few generators by their output (cgo, goyacc)
// besides the standard header, but it would add a module dependency, a
// required analyzer per package for every driver (gopls and golangci-lint
// included) and the question of which x/tools version it pins. Every
// current generator writes the standard "// Code generated ... DO NOT
// EDIT." header (https://go.dev/s/generatedcode), which ast.IsGenerated
// recognises, so that is what this package uses.
package report

import (
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Directive is the prefix of a suppression comment.
const Directive = "//closewait:ignore"

// Category is the category of diagnostics about directives.
const Category = "ignore"

// Reporter reports the diagnostics of one check. Each analyzer instance
// owns one, so its flags belong to that instance only.
type Reporter struct {
	// Check is the name of the check: the analyzer's name, which
	// directives use.
	Check string
	// Unused makes Report also report the directives naming Check that
	// suppressed nothing in the package.
	Unused bool
	// Tests, once RegisterTestsFlag has bound it, makes Report keep the
	// findings in _test.go files; when false, they are dropped. It backs
	// -<check>.tests for the checks that have no such flag of their own.
	Tests       bool
	filterTests bool // RegisterTestsFlag was called: Tests decides
}

// RegisterFlags binds r's options to fs, normally the analyzer's Flags,
// so that drivers expose them as -<check>.unused-ignores.
func (r *Reporter) RegisterFlags(fs *flag.FlagSet) {
	fs.BoolVar(&r.Unused, "unused-ignores", r.Unused,
		"report "+Directive+" directives for this check that suppress nothing")
}

// RegisterTestsFlag binds -tests (shown as -<check>.tests) to fs, with
// the default true: the check reports in _test.go files unless it is
// set to false. Checks that decide about test files themselves (where
// their finding means something else in a test) register their own
// -tests instead, with the same name and shape.
func (r *Reporter) RegisterTestsFlag(fs *flag.FlagSet) {
	r.filterTests, r.Tests = true, true
	fs.BoolVar(&r.Tests, "tests", r.Tests, "also report findings in _test.go files")
}

// Report reports diags, the findings of r's check in pass's package,
// except those in generated files and those a directive suppresses; then
// the problems with directives that this check owns. It reports in order
// of position.
func (r *Reporter) Report(pass *analysis.Pass, diags []analysis.Diagnostic) {
	checks := Checks()
	if !slices.Contains(checks, r.Check) {
		checks = append(checks, r.Check)
		slices.Sort(checks)
	}
	generated := make(map[*token.File]bool)
	var dirs []*directive
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		if IsGenerated(f) {
			generated[tf] = true
			continue // directives in generated files are not ours to judge
		}
		dirs = append(dirs, parseDirectives(tf, f, checks)...)
	}

	var out []analysis.Diagnostic
	for _, d := range diags {
		tf := pass.Fset.File(d.Pos)
		if tf == nil {
			out = append(out, d)
			continue
		}
		if generated[tf] {
			continue // nobody edits generated code by hand
		}
		if r.filterTests && !r.Tests && strings.HasSuffix(tf.Name(), "_test.go") {
			continue // -<check>.tests=false
		}
		if dir := suppressor(dirs, tf, tf.Line(d.Pos), r.Check); dir != nil {
			dir.used = true
			continue
		}
		out = append(out, d)
	}
	for _, dir := range dirs {
		out = append(out, dir.problems(r, checks)...)
	}
	slices.SortStableFunc(out, func(a, b analysis.Diagnostic) int {
		return cmp.Or(ComparePos(pass.Fset, a.Pos, b.Pos), ComparePos(pass.Fset, a.End, b.End), strings.Compare(a.Message, b.Message))
	})
	for _, d := range out {
		pass.Report(d)
	}
}

// A directive is one //closewait:ignore comment.
type directive struct {
	pos, end token.Pos
	file     *token.File
	line     int
	checks   []string // as written, in order, without duplicates
	reason   string
	used     bool // it suppressed a finding of the reporting check
	// malformed, if not empty, is the hint for a comment that looks
	// like a directive but is not one: it suppresses nothing.
	malformed string
}

// parseDirectives returns the directives among f's comments, and the
// comments that look like one but are not (see malformedHint), given the
// suite's sorted check names.
func parseDirectives(tf *token.File, f *ast.File, checks []string) []*directive {
	var dirs []*directive
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			rest, ok := strings.CutPrefix(c.Text, Directive)
			if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
				if hint, args := malformedHint(c.Text, checks); hint != "" {
					dir := &directive{pos: c.Pos(), end: c.End(), file: tf, line: tf.Line(c.Pos()), malformed: hint}
					dir.checks, _ = splitArgs(args)
					dirs = append(dirs, dir)
				}
				continue
			}
			dir := &directive{pos: c.Pos(), end: c.End(), file: tf, line: tf.Line(c.Pos())}
			dir.checks, dir.reason = splitArgs(rest)
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// splitArgs splits a directive's arguments into the check names, as
// written, in order, without duplicates, and the reason. A nolint-style
// "// why" reads as the reason "why".
func splitArgs(args string) (checks []string, reason string) {
	fields := strings.Fields(args)
	if len(fields) == 0 {
		return nil, ""
	}
	for name := range strings.SplitSeq(fields[0], ",") {
		if name != "" && !slices.Contains(checks, name) {
			checks = append(checks, name)
		}
	}
	reason = strings.Join(fields[1:], " ")
	return checks, strings.TrimSpace(strings.TrimPrefix(reason, "//"))
}

// malformedHint returns a hint, and the arguments as written, for a
// comment that was meant as a directive but is none, so suppresses
// nothing:
//
//   - "// closewait:ignore <check>...", with a space after the slashes
//     (Go directives have none), when it names a check of the suite (a
//     comment that merely starts with the word is prose);
//   - "//closewait:<word>" with a word other than ignore
//     ("//closewait:ignored", "//closewait:nolint"): the no-space form is
//     a directive's, and closewait has only one.
//
// Otherwise it returns "".
func malformedHint(text string, checks []string) (hint, args string) {
	const prefix = "closewait:"
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return "", "" // a /* */ comment
	}
	if spaced := strings.TrimLeft(body, " \t"); spaced != body {
		rest, ok := strings.CutPrefix(spaced, prefix+"ignore")
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
			return "", ""
		}
		names, _ := splitArgs(rest)
		if !slices.ContainsFunc(names, func(n string) bool { return slices.Contains(checks, n) }) {
			return "", ""
		}
		return fmt.Sprintf("this comment is not a directive and suppresses nothing: write %s with no space after //", Directive), rest
	}
	rest, ok := strings.CutPrefix(body, prefix)
	if !ok || rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return "", "" // "//closewait: ..." is prose (a doc title), not a directive
	}
	word, args, _ := strings.Cut(rest, " ")
	return fmt.Sprintf("unknown directive //%s%s, which suppresses nothing: the directive is %s <check> <reason>", prefix, word, Directive), args
}

// suppressor returns the directive that suppresses a finding of check on
// line of tf, or nil: a well-formed directive naming check, on that line
// or the line above.
func suppressor(dirs []*directive, tf *token.File, line int, check string) *directive {
	for _, dir := range dirs {
		if dir.file != tf || (dir.line != line && dir.line != line-1) {
			continue
		}
		if dir.malformed == "" && dir.reason != "" && slices.Contains(dir.checks, check) {
			return dir
		}
	}
	return nil
}

// problems returns the diagnostics about dir that r's check owns, given
// the suite's sorted check names.
func (dir *directive) problems(r *Reporter, checks []string) []analysis.Diagnostic {
	diag := func(format string, args ...any) analysis.Diagnostic {
		return analysis.Diagnostic{Pos: dir.pos, End: dir.end, Category: Category, Message: fmt.Sprintf(format, args...)}
	}
	var out []analysis.Diagnostic
	if dir.malformed != "" {
		owner := checks[0]
		if len(dir.checks) > 0 {
			owner, _ = nearest(dir.checks[0], checks)
		}
		if owner == r.Check {
			out = append(out, diag("%s", dir.malformed))
		}
		return out
	}
	if len(dir.checks) == 0 {
		if checks[0] == r.Check {
			out = append(out, diag("%s directive names no check: write %s <check> <reason>, with <check> one of %s",
				Directive, Directive, strings.Join(checks, ", ")))
		}
		return out
	}
	for _, name := range dir.checks {
		if slices.Contains(checks, name) {
			continue
		}
		near, dist := nearest(name, checks)
		if near != r.Check {
			continue // reported by the check it most likely meant
		}
		if dist <= len(near)/2 {
			out = append(out, diag("%s names unknown check %q; did you mean %s?", Directive, name, near))
		} else {
			out = append(out, diag("%s names unknown check %q; the checks are %s", Directive, name, strings.Join(checks, ", ")))
		}
	}
	if dir.reason == "" {
		if owner, _ := nearest(dir.checks[0], checks); owner == r.Check {
			out = append(out, diag("%s directive needs a reason after the check name (it suppresses nothing without one): %s %s <why this is fine>",
				Directive, Directive, strings.Join(dir.checks, ",")))
		}
		return out
	}
	if r.Unused && !dir.used && slices.Contains(dir.checks, r.Check) {
		out = append(out, diag("%s directive for %s suppresses nothing: remove it, or fix the check name", Directive, r.Check))
	}
	return out
}

// nearest returns the check whose name is closest to name in edit
// distance, the first in order on a tie, and that distance.
func nearest(name string, checks []string) (string, int) {
	best, bestDist := "", -1
	for _, c := range checks {
		if d := levenshtein(name, c); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, bestDist
}

// levenshtein returns the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// IsGenerated reports whether f is generated code that nobody edits by
// hand. A file rewritten by cmd/cgo carries a "Code generated by
// cmd/cgo" header, but it is the user's own code (its positions map back
// to the original file through //line directives): it is not generated
// in that sense.
func IsGenerated(f *ast.File) bool {
	if !ast.IsGenerated(f) {
		return false
	}
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "// Code generated by cmd/cgo") {
				return false
			}
		}
	}
	return true
}

// ComparePos orders positions by file name, then offset. Comparing
// token.Pos values directly is not enough: the drivers parse a package's
// files concurrently, so the order of the files' bases in the FileSet, and
// with it the order of positions in different files, changes from run to
// run. NoPos sorts first.
func ComparePos(fset *token.FileSet, a, b token.Pos) int {
	if a == b {
		return 0
	}
	fa, fb := fset.File(a), fset.File(b)
	if fa == nil || fb == nil || fa == fb {
		if fa == nil && fb != nil {
			return -1
		}
		if fb == nil && fa != nil {
			return 1
		}
		return cmp.Compare(a, b)
	}
	return cmp.Or(strings.Compare(fa.Name(), fb.Name()), cmp.Compare(fa.Offset(a), fb.Offset(b)))
}
