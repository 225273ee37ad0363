// Package score matches closewait's findings on the corpus against the
// triage file and computes precision and lost recall. It does no I/O
// beyond parsing what it is given, so that the command's logic can be
// tested without the network or the tool.
package score

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/closewait/closewait/internal/drivejson"
)

// Verdicts a triaged finding can have.
const (
	Real   = "real"    // a leak (or the bug the check names) in code that runs on
	FP     = "fp"      // a false positive: the code is correct
	ByRule = "by-rule" // true by the check's rule but harmless, e.g. a leak in an exiting test
)

// Module is one corpus module: a line of modules.tsv.
type Module struct {
	Path     string   // module path
	Version  string   // pinned version
	Kind     string   // "library" or "server"
	Patterns []string // package patterns, run from inside eval/corpus
	Short    bool     // in the bounded -short subset
}

// Key is the module@version form used in the triage file.
func (m Module) Key() string { return m.Path + "@" + m.Version }

// ParseModules reads modules.tsv: module, version, kind, patterns
// (comma-separated) and short (yes/no), tab-separated; '#' starts a
// comment line.
func ParseModules(r io.Reader) ([]Module, error) {
	var mods []Module
	seen := make(map[string]bool)
	err := eachRow(r, 5, func(line int, f []string) error {
		m := Module{Path: f[0], Version: f[1], Kind: f[2], Patterns: strings.Split(f[3], ","), Short: f[4] == "yes"}
		if m.Kind != "library" && m.Kind != "server" {
			return fmt.Errorf("line %d: kind %q is not library or server", line, m.Kind)
		}
		if f[4] != "yes" && f[4] != "no" {
			return fmt.Errorf("line %d: short %q is not yes or no", line, f[4])
		}
		if seen[m.Path] {
			return fmt.Errorf("line %d: module %s listed twice", line, m.Path)
		}
		seen[m.Path] = true
		mods = append(mods, m)
		return nil
	})
	return mods, err
}

// Finding is one diagnostic of the tool, placed in its corpus module.
type Finding struct {
	Module  string // module@version
	File    string // slash-separated, relative to the module root
	Line    int
	Col     int
	Check   string // analyzer name
	Message string
}

// Test reports whether the finding is in a _test.go file.
func (f Finding) Test() bool { return strings.HasSuffix(f.File, "_test.go") }

func (f Finding) String() string {
	return fmt.Sprintf("%s %s:%d:%d %s: %s", f.Module, f.File, f.Line, f.Col, f.Check, f.Message)
}

// Entry is one line of the triage file.
type Entry struct {
	Module  string // module@version
	File    string // relative to the module root
	Line    int
	Check   string
	Test    bool   // the file is a _test.go file
	Verdict string // Real, FP or ByRule
	Words   string // the message's first words: tells apart findings that share a line
	Reason  string
}

func (e Entry) String() string {
	return fmt.Sprintf("%s %s:%d %s [%s] %s", e.Module, e.File, e.Line, e.Check, e.Verdict, e.Words)
}

// TriageHeader is the header line of the triage file.
const TriageHeader = "module\tfile\tline\tcheck\ttest\tverdict\twords\treason"

// ParseTriage reads the triage file: the columns of TriageHeader,
// tab-separated. Lines starting with '#' and the header are skipped.
func ParseTriage(r io.Reader) ([]Entry, error) {
	var es []Entry
	type k struct {
		mod, file string
		line      int
		check     string
		words     string
	}
	seen := make(map[k]bool)
	err := eachRow(r, 8, func(line int, f []string) error {
		if strings.Join(f, "\t") == TriageHeader {
			return nil
		}
		n, err := strconv.Atoi(f[2])
		if err != nil || n <= 0 {
			return fmt.Errorf("line %d: bad line number %q", line, f[2])
		}
		e := Entry{Module: f[0], File: f[1], Line: n, Check: f[3], Test: f[4] == "yes", Verdict: f[5], Words: f[6], Reason: f[7]}
		if f[4] != "yes" && f[4] != "no" {
			return fmt.Errorf("line %d: test %q is not yes or no", line, f[4])
		}
		if e.Test != strings.HasSuffix(e.File, "_test.go") {
			return fmt.Errorf("line %d: test column %q does not fit file %s", line, f[4], e.File)
		}
		switch e.Verdict {
		case Real, FP, ByRule:
		default:
			return fmt.Errorf("line %d: verdict %q is not real, fp or by-rule", line, e.Verdict)
		}
		if strings.TrimSpace(e.Reason) == "" {
			return fmt.Errorf("line %d: no reason given", line)
		}
		key := k{e.Module, e.File, e.Line, e.Check, e.Words}
		if seen[key] {
			return fmt.Errorf("line %d: %s triaged twice", line, e)
		}
		seen[key] = true
		es = append(es, e)
		return nil
	})
	return es, err
}

// eachRow calls fn with the tab-separated fields of each non-comment,
// non-empty line of r, which must have exactly n fields.
func eachRow(r io.Reader, n int, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != n {
			return fmt.Errorf("line %d: %d fields, want %d", line, len(f), n)
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
	return sc.Err()
}

// ModuleDir is where a module's files are: its module cache directory.
type ModuleDir struct {
	Key string // module@version
	Dir string // absolute directory
}

// ParseJSON reads the -json output of the tool, {"package": {"analyzer":
// [diagnostics] | {"error": "..."}}}, and returns its findings, placed in
// the module whose directory holds their file (the longest match), with
// duplicates (a package and its test variant report the same finding)
// removed, sorted; and the analyzer errors, sorted. A finding outside
// every module's directory is an error.
func ParseJSON(out []byte, dirs []ModuleDir) ([]Finding, []string, error) {
	diags, errs, err := drivejson.Parse(out)
	if err != nil {
		return nil, nil, err
	}
	seen := make(map[Finding]bool)
	var fs []Finding
	for _, d := range diags {
		f, err := place(d.Posn, dirs)
		if err != nil {
			return nil, nil, err
		}
		f.Check, f.Message = d.Analyzer, d.Message
		if !seen[f] {
			seen[f] = true
			fs = append(fs, f)
		}
	}
	SortFindings(fs)
	return fs, errs, nil
}

// place splits a position "file:line:col" and finds its module.
func place(posn string, dirs []ModuleDir) (Finding, error) {
	var f Finding
	rest, col, ok1 := cutLastInt(posn)
	file, line, ok2 := cutLastInt(rest)
	if !ok1 || !ok2 {
		return f, fmt.Errorf("position %q is not file:line:col", posn)
	}
	best := -1
	for i, d := range dirs {
		prefix := filepath.Clean(d.Dir) + string(filepath.Separator)
		if strings.HasPrefix(file, prefix) && (best < 0 || len(d.Dir) > len(dirs[best].Dir)) {
			best = i
		}
	}
	if best < 0 {
		return f, fmt.Errorf("finding at %s is in no corpus module", posn)
	}
	rel, err := filepath.Rel(dirs[best].Dir, file)
	if err != nil {
		return f, err
	}
	return Finding{Module: dirs[best].Key, File: filepath.ToSlash(rel), Line: line, Col: col}, nil
}

func cutLastInt(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil
}

// SortFindings orders findings by module, file, line, column, check and
// message.
func SortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmpAll(
			strings.Compare(a.Module, b.Module),
			strings.Compare(a.File, b.File),
			a.Line-b.Line,
			a.Col-b.Col,
			strings.Compare(a.Check, b.Check),
			strings.Compare(a.Message, b.Message))
	})
}

func cmpAll(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

// Words returns the first n words of a message: what the triage file
// records to tell apart findings of one check on one line.
func Words(msg string, n int) string {
	w := strings.Fields(msg)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}

// Match is a finding and the triage entry it matched.
type Match struct {
	Finding Finding
	Entry   Entry
}

// Result is the outcome of matching findings against the triage file.
type Result struct {
	Matched   []Match   // findings with their verdict
	Untriaged []Finding // findings no entry matches
	Lost      []Entry   // real entries of a module that was run, with no finding: lost recall
	Gone      []Entry   // fp and by-rule entries of a module that was run, with no finding
}

// Score matches findings against entries. Only entries of the modules in
// ran count as lost or gone (a subset run says nothing of the others). A
// finding matches an entry of the same module, file, line and check
// whose words start its message; of several such entries, the one with
// the longest words wins, and each entry matches at most one finding.
func Score(findings []Finding, entries []Entry, ran map[string]bool) Result {
	type k struct {
		mod, file string
		line      int
		check     string
	}
	byKey := make(map[k][]int)
	for i, e := range entries {
		key := k{e.Module, e.File, e.Line, e.Check}
		byKey[key] = append(byKey[key], i)
	}
	for _, idx := range byKey {
		slices.SortStableFunc(idx, func(a, b int) int { return len(entries[b].Words) - len(entries[a].Words) })
	}
	used := make([]bool, len(entries))
	var r Result
	for _, f := range findings {
		found := -1
		for _, i := range byKey[k{f.Module, f.File, f.Line, f.Check}] {
			if !used[i] && strings.HasPrefix(f.Message, entries[i].Words) {
				found = i
				break
			}
		}
		if found < 0 {
			r.Untriaged = append(r.Untriaged, f)
			continue
		}
		used[found] = true
		r.Matched = append(r.Matched, Match{f, entries[found]})
	}
	for i, e := range entries {
		if used[i] || !ran[e.Module] {
			continue
		}
		if e.Verdict == Real {
			r.Lost = append(r.Lost, e)
		} else {
			r.Gone = append(r.Gone, e)
		}
	}
	return r
}

// Counts are verdict counts over a set of matched findings.
type Counts struct {
	Real, FP, ByRule int
}

// Add counts one verdict.
func (c *Counts) Add(verdict string) {
	switch verdict {
	case Real:
		c.Real++
	case FP:
		c.FP++
	case ByRule:
		c.ByRule++
	}
}

// Total is the number of triaged findings counted.
func (c Counts) Total() int { return c.Real + c.FP + c.ByRule }

// Precision is (real+by-rule)/total: a by-rule finding is correct by the
// check's rule. ok is false when nothing was counted.
func (c Counts) Precision() (p float64, ok bool) {
	if c.Total() == 0 {
		return 0, false
	}
	return float64(c.Real+c.ByRule) / float64(c.Total()), true
}

// RealPrecision is real/total: the share of findings that are bugs worth
// fixing.
func (c Counts) RealPrecision() (p float64, ok bool) {
	if c.Total() == 0 {
		return 0, false
	}
	return float64(c.Real) / float64(c.Total()), true
}

// Summary splits the matched findings' verdicts: over all, on test
// files, on other files, and per check (sorted by name).
type Summary struct {
	All, Test, NonTest Counts
	Checks             []string
	PerCheck           map[string]*Counts
}

// Summarize counts the verdicts of r's matched findings.
func Summarize(r Result) Summary {
	s := Summary{PerCheck: make(map[string]*Counts)}
	for _, m := range r.Matched {
		v := m.Entry.Verdict
		s.All.Add(v)
		if m.Finding.Test() {
			s.Test.Add(v)
		} else {
			s.NonTest.Add(v)
		}
		c := s.PerCheck[m.Finding.Check]
		if c == nil {
			c = new(Counts)
			s.PerCheck[m.Finding.Check] = c
			s.Checks = append(s.Checks, m.Finding.Check)
		}
		c.Add(v)
	}
	for _, f := range r.Untriaged {
		if s.PerCheck[f.Check] == nil {
			s.PerCheck[f.Check] = new(Counts)
			s.Checks = append(s.Checks, f.Check)
		}
	}
	slices.Sort(s.Checks)
	return s
}
