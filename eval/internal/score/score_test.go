package score

import (
	"strings"
	"testing"
)

const triage = TriageHeader + `
# a comment
m@v1	a.go	10	connleak	no	real	conn c from	leaks on the error path
m@v1	a.go	10	connleak	no	fp	conn d from	d is closed by the caller
m@v1	a_test.go	5	closewait	yes	by-rule	conn	the test exits
m@v1	b.go	7	httpbody	no	real		body never closed
m@v1	gone.go	3	connleak	no	real		fixed by the core?
m@v1	gone2.go	3	connleak	no	fp		an fp that went away
other@v2	c.go	1	linger	no	real		not run
`

func TestScore(t *testing.T) {
	es, err := ParseTriage(strings.NewReader(triage))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 7 {
		t.Fatalf("%d entries, want 7", len(es))
	}
	fs := []Finding{
		{Module: "m@v1", File: "a.go", Line: 10, Check: "connleak", Message: "conn d from net.Dial is not closed"},
		{Module: "m@v1", File: "a.go", Line: 10, Check: "connleak", Message: "conn c from net.Dial is not closed"},
		{Module: "m@v1", File: "a_test.go", Line: 5, Check: "closewait", Message: "conn c is not closed"},
		{Module: "m@v1", File: "b.go", Line: 7, Check: "httpbody", Message: "the body of resp"},
		{Module: "m@v1", File: "b.go", Line: 7, Check: "connleak", Message: "same line, other check"},
		{Module: "m@v1", File: "b.go", Line: 8, Check: "httpbody", Message: "other line"},
	}
	r := Score(fs, es, map[string]bool{"m@v1": true})
	if len(r.Matched) != 4 {
		t.Errorf("matched %d, want 4: %v", len(r.Matched), r.Matched)
	}
	for _, m := range r.Matched {
		if m.Finding.File == "a.go" && !strings.HasPrefix(m.Finding.Message, m.Entry.Words) {
			t.Errorf("%s matched %s", m.Finding, m.Entry)
		}
	}
	if len(r.Untriaged) != 2 || r.Untriaged[0].Check != "connleak" || r.Untriaged[1].Line != 8 {
		t.Errorf("untriaged %v", r.Untriaged)
	}
	if len(r.Lost) != 1 || r.Lost[0].File != "gone.go" {
		t.Errorf("lost %v, want gone.go only (other@v2 was not run)", r.Lost)
	}
	if len(r.Gone) != 1 || r.Gone[0].File != "gone2.go" {
		t.Errorf("gone %v", r.Gone)
	}
	s := Summarize(r)
	if s.All != (Counts{Real: 2, FP: 1, ByRule: 1}) {
		t.Errorf("all %+v", s.All)
	}
	if s.Test != (Counts{ByRule: 1}) || s.NonTest != (Counts{Real: 2, FP: 1}) {
		t.Errorf("test %+v, non-test %+v", s.Test, s.NonTest)
	}
	if p, _ := s.All.Precision(); p != 0.75 {
		t.Errorf("precision %v, want 0.75", p)
	}
	if p, _ := s.All.RealPrecision(); p != 0.5 {
		t.Errorf("real-only precision %v, want 0.5", p)
	}
	if _, ok := (Counts{}).Precision(); ok {
		t.Error("precision of nothing is defined")
	}
	if got := strings.Join(s.Checks, ","); got != "closewait,connleak,httpbody" {
		t.Errorf("checks %s", got)
	}
}

func TestParseTriageErrors(t *testing.T) {
	for _, bad := range []string{
		"m@v\ta.go\t1\tconnleak\tno\tmaybe\t\treason",                  // verdict
		"m@v\ta.go\t1\tconnleak\tyes\treal\t\treason",                  // test column against the file name
		"m@v\ta.go\tx\tconnleak\tno\treal\t\treason",                   // line
		"m@v\ta.go\t1\tconnleak\tno\treal\t\t",                         // no reason
		"m@v\ta.go\t1\tconnleak\tno\treal",                             // fields
		"m@v\ta.go\t1\tc\tno\treal\t\tr\nm@v\ta.go\t1\tc\tno\tfp\t\tr", // twice
	} {
		if _, err := ParseTriage(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

func TestParseJSON(t *testing.T) {
	out := `{
 "p": {"connleak": [{"posn": "/mod/a@v1/x/a.go:10:2", "message": "m1"}],
       "linger": {"error": "boom"}},
 "p [p.test]": {"connleak": [{"posn": "/mod/a@v1/x/a.go:10:2", "message": "m1"},
                             {"posn": "/mod/a@v1/sub/b_test.go:3:1", "message": "m2"}]}
}`
	dirs := []ModuleDir{{Key: "a@v1", Dir: "/mod/a@v1"}, {Key: "a/sub@v1", Dir: "/mod/a@v1/sub"}}
	fs, errs, err := ParseJSON([]byte(out), dirs)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2 (duplicate removed): %v", len(fs), fs)
	}
	if fs[0].Module != "a/sub@v1" || fs[0].File != "b_test.go" || !fs[0].Test() {
		t.Errorf("nested module: %v", fs[0])
	}
	if fs[1].Module != "a@v1" || fs[1].File != "x/a.go" || fs[1].Line != 10 || fs[1].Col != 2 {
		t.Errorf("%v", fs[1])
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "boom") {
		t.Errorf("errors %v", errs)
	}
	if _, _, err := ParseJSON([]byte(`{"p": {"c": [{"posn": "/elsewhere/a.go:1:1", "message": "m"}]}}`), dirs); err == nil {
		t.Error("a finding outside every module is accepted")
	}
}

func TestFuncLines(t *testing.T) {
	src := `package p

func F() {
}

type T[K any] struct{}

func (t *T[K]) M() {
	_ = 1
}
`
	for name, want := range map[string][2]int{"F": {3, 4}, "T.M": {8, 10}} {
		a, b, err := FuncLines("p.go", []byte(src), name)
		if err != nil || a != want[0] || b != want[1] {
			t.Errorf("%s: %d-%d %v, want %v", name, a, b, err, want)
		}
	}
	if _, _, err := FuncLines("p.go", []byte(src), "M"); err == nil {
		t.Error("M without its receiver found")
	}
	fs := []Finding{{File: "p.go", Line: 9, Check: "connleak"}, {File: "p.go", Line: 3, Check: "connleak"}, {File: "q.go", Line: 9, Check: "connleak"}}
	if got := InFunc(fs, "p.go", "connleak", 8, 10); len(got) != 1 || got[0].Line != 9 {
		t.Errorf("InFunc %v", got)
	}
}

func TestParseModules(t *testing.T) {
	ms, err := ParseModules(strings.NewReader("# c\nm\tv1\tserver\tm/...,m/x\tyes\n"))
	if err != nil || len(ms) != 1 || ms[0].Key() != "m@v1" || len(ms[0].Patterns) != 2 || !ms[0].Short {
		t.Fatalf("%v %v", ms, err)
	}
	if _, err := ParseModules(strings.NewReader("m\tv1\tclient\tm\tyes\n")); err == nil {
		t.Error("bad kind accepted")
	}
}
