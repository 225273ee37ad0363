package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestWithoutRelated(t *testing.T) {
	a := &analysis.Analyzer{
		Name: "x",
		Doc:  "report x",
		Run: func(pass *analysis.Pass) (any, error) {
			pass.Report(analysis.Diagnostic{Pos: 1, Message: "m", Related: []analysis.RelatedInformation{{Pos: 2, Message: "r"}}})
			return "result", nil
		},
	}
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	res, err := withoutRelated(a).Run(pass)
	if err != nil || res != "result" {
		t.Fatalf("Run = %v, %v", res, err)
	}
	if len(got) != 1 || got[0].Message != "m" || got[0].Related != nil {
		t.Errorf("reported %+v, want the diagnostic without related information", got)
	}
}
