package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/closewait/closewait/eval/internal/score"
)

func TestWriteReportVerdict(t *testing.T) {
	mods := []score.Module{{Path: "m", Version: "v1"}}
	f := score.Finding{Module: "m@v1", File: "a.go", Line: 3, Check: "connleak", Message: "conn c is never closed"}
	e := score.Entry{Module: "m@v1", File: "a.go", Line: 3, Check: "connleak", Verdict: score.Real, Reason: "r"}
	flaggedFix := score.Fixed{Module: "x", Before: "v1", After: "v2", Flagged: true}
	missedFix := score.Fixed{Module: "y", Before: "v1", After: "v2", Flagged: false}
	for _, tc := range []struct {
		name string
		in   reportInput
		pass bool
		want string
	}{
		{"all matched", reportInput{mods: mods, findings: []score.Finding{f}, res: score.Result{Matched: []score.Match{{Finding: f, Entry: e}}}}, true, "| all | 1 | 1 | 0 | 0 | 100.0% | 100.0% |"},
		{"untriaged", reportInput{mods: mods, findings: []score.Finding{f}, res: score.Result{Untriaged: []score.Finding{f}}}, false, "m@v1\ta.go\t3\tconnleak\tno\tTODO\tconn c is never closed\tTODO"},
		{"lost real", reportInput{mods: mods, res: score.Result{Lost: []score.Entry{e}}}, false, "## Lost real findings: 1"},
		{"analyzer error", reportInput{mods: mods, toolErrs: []string{"p connleak: boom"}}, false, "boom"},
		{"flagged fix lost", reportInput{fixed: []fixedResult{{x: flaggedFix}}}, false, "Recall (flagged before the fix): 0/1"},
		{"known miss", reportInput{fixed: []fixedResult{{x: missedFix}}}, true, "Fix-silence (silent after it): 1/1"},
		{"fix flagged", reportInput{fixed: []fixedResult{{x: flaggedFix, before: []score.Finding{f}}}}, true, "Recall (flagged before the fix): 1/1"},
	} {
		var buf bytes.Buffer
		if got := writeReport(&buf, tc.in); got != tc.pass {
			t.Errorf("%s: pass %v, want %v\n%s", tc.name, got, tc.pass, buf.String())
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("%s: report lacks %q:\n%s", tc.name, tc.want, buf.String())
		}
	}
}

func TestSelectModules(t *testing.T) {
	all := []score.Module{{Path: "a", Short: true}, {Path: "b"}, {Path: "c", Short: true}}
	got, err := selectModules(all, config{short: true})
	if err != nil || len(got) != 2 || got[1].Path != "c" {
		t.Errorf("short: %v %v", got, err)
	}
	got, err = selectModules(all, config{modules: []string{"b"}})
	if err != nil || len(got) != 1 || got[0].Path != "b" {
		t.Errorf("-modules b: %v %v", got, err)
	}
	if _, err := selectModules(all, config{modules: []string{"z"}}); err == nil {
		t.Error("an unknown module is accepted")
	}
}
