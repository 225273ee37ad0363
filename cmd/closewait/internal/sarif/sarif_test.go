package sarif_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/closewait/closewait/cmd/closewait/internal/sarif"
	"github.com/closewait/closewait/cmd/closewait/internal/sarifschema"
	"golang.org/x/tools/go/analysis"
)

// src has a multi-byte rune before the reported range, so that byte and
// UTF-16 columns differ: "é" is 2 bytes, 1 UTF-16 unit; "𝄞" is 4 bytes,
// 2 units.
const src = "package p\n\nfunc f() { _ = \"é𝄞\"; return }\n"

func fixture(t *testing.T) (*token.FileSet, token.Pos, string, func(string) ([]byte, error)) {
	root := filepath.FromSlash("/repo")
	name := filepath.Join(root, "pkg", "a b.go")
	fset := token.NewFileSet()
	f := fset.AddFile(name, -1, len(src))
	f.SetLinesForContent([]byte(src))
	read := func(n string) ([]byte, error) {
		if n != name {
			return nil, fs.ErrNotExist
		}
		return []byte(src), nil
	}
	return fset, token.Pos(f.Base()), root, read
}

func testLog(t *testing.T, reverse bool) []byte {
	fset, base, root, read := fixture(t)
	ret := base + token.Pos(strings.Index(src, "return"))
	one := &analysis.Analyzer{Name: "one", Doc: "report one thing\n\nThe details.", URL: "https://example.com/one", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	two := &analysis.Analyzer{Name: "two", Doc: "report another", Run: one.Run}
	diags := []sarif.Diagnostic{
		{Analyzer: two, Fset: fset, Diagnostic: analysis.Diagnostic{Pos: base, Message: "whole line"}},
		{Analyzer: one, Fset: fset, Diagnostic: analysis.Diagnostic{
			Pos: ret, End: ret + 6, Category: "cat", Message: "leak",
			Related: []analysis.RelatedInformation{{Pos: base + 8, End: base + 9, Message: "made here"}},
			SuggestedFixes: []analysis.SuggestedFix{{Message: "close it", TextEdits: []analysis.TextEdit{
				{Pos: ret, End: ret, NewText: []byte("c.Close(); ")},
			}}},
		}},
	}
	// A duplicate, as from a package and its test variant.
	diags = append(diags, diags[1])
	if reverse {
		diags[0], diags[1], diags[2] = diags[2], diags[0], diags[1]
	}
	b := &sarif.Builder{Tool: sarif.ToolComponent{Name: "closewait", Version: "v1.2.3", InformationURI: "https://github.com/closewait/closewait"}, Root: root, ReadFile: read}
	data, err := json.Marshal(b.Log([]*analysis.Analyzer{one, two}, diags, nil))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestLog(t *testing.T) {
	data := testLog(t, false)
	if errs := sarif.Validate(data); len(errs) > 0 {
		t.Fatalf("invalid SARIF: %v\n%s", errors.Join(errs...), data)
	}
	if err := sarifschema.Validate(data); err != nil {
		t.Fatalf("invalid under the SARIF 2.1.0 schema: %v\n%s", err, data)
	}
	if other := testLog(t, true); !bytes.Equal(data, other) {
		t.Errorf("output depends on the order of the diagnostics:\n%s\n%s", data, other)
	}
	var log sarif.Log
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if n := len(run.Tool.Driver.Rules); n != 2 || run.Tool.Driver.Rules[0].ShortDescription.Text != "report one thing" ||
		run.Tool.Driver.Rules[0].FullDescription.Text != "The details." || run.Tool.Driver.Rules[0].HelpURI != "https://example.com/one" {
		t.Errorf("rules = %+v", run.Tool.Driver.Rules)
	}
	// Rule names are readable identifiers distinct from the ids.
	if r := run.Tool.Driver.Rules; r[0].Name != "OneThing" || r[1].Name != "Another" {
		t.Errorf("rule names %q, %q; want OneThing, Another", r[0].Name, r[1].Name)
	}
	if len(run.Results) != 2 {
		t.Fatalf("%d results, want 2 (the duplicate dropped):\n%s", len(run.Results), data)
	}
	leak := run.Results[1]
	if leak.RuleID != "one" || leak.RuleIndex != 0 || leak.Properties["category"] != "cat" {
		t.Errorf("result = %+v", leak)
	}
	// The message links its related location (id 1); a message without
	// related locations is left as it is.
	if got := leak.Message.Text; got != "leak ([made here](1))" {
		t.Errorf("message %q, want the related location linked", got)
	}
	if got := run.Results[0].Message.Text; got != "whole line" {
		t.Errorf("message %q, want it unchanged", got)
	}
	loc := leak.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "pkg/a%20b.go" || loc.ArtifactLocation.URIBaseID != sarif.SrcRoot {
		t.Errorf("artifact = %+v", loc.ArtifactLocation)
	}
	// "func f() { _ = \"é𝄞\"; " is 25 bytes but 22 UTF-16 units: return
	// starts at byte column 26, UTF-16 column 23.
	if r := loc.Region; r.StartLine != 3 || r.StartColumn != 23 || r.EndLine != 3 || r.EndColumn != 29 {
		t.Errorf("region = %+v, want 3:23-3:29", *r)
	}
	if rel := leak.RelatedLocations; len(rel) != 1 || *rel[0].ID != 1 || rel[0].Message.Text != "made here" || rel[0].PhysicalLocation.Region.StartLine != 1 {
		t.Errorf("related = %+v", rel)
	}
	fix := leak.Fixes[0]
	rep := fix.ArtifactChanges[0].Replacements[0]
	off := strings.Index(src, "return")
	if fix.Description.Text != "close it" || *rep.DeletedRegion.ByteOffset != off || *rep.DeletedRegion.ByteLength != 0 ||
		rep.DeletedRegion.StartColumn != 23 || rep.InsertedContent.Text != "c.Close(); " {
		t.Errorf("fix = %+v, replacement %+v", fix, rep)
	}
	whole := run.Results[0]
	if r := whole.Locations[0].PhysicalLocation.Region; r.EndLine != 0 || r.EndColumn != 0 {
		t.Errorf("a diagnostic without End: region %+v, want no end (the rest of the line)", *r)
	}
	if !run.Invocations[0].ExecutionSuccessful || run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("run = %+v", run)
	}
}

// TestValidate checks that the validator catches what the schema
// forbids.
func TestValidate(t *testing.T) {
	for _, tc := range []struct{ log, want string }{
		{`{"runs": []}`, `sarifLog lacks required property "version"`},
		{`{"version": "2.0.0", "runs": []}`, `2.0.0 is not one of [2.1.0]`},
		{`{"version": "2.1.0", "runs": [{}]}`, `run lacks required property "tool"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`, `toolComponent lacks required property "name"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a", "helpUri": "docs/a"}]}}}]}`, `not an absolute URI`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a", "shortDescription": {}}]}}}]}`, `multiformatMessageString lacks required property "text"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a"}]}]}`, `result lacks required property "message"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "results": [{"ruleId": "a", "message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`, `physicalLocation needs one of`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "results": [{"ruleId": "a", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {}, "region": {"startLine": 0}}}]}]}]}`, `startLine: 0 is not an integer >= 1`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "results": [{"ruleId": "a", "message": {"text": "m"}, "fixes": [{"artifactChanges": []}]}]}]}`, `needs at least 1 items`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "results": [{"ruleId": "a", "message": {"text": "m"}, "fixes": [{"artifactChanges": [{"artifactLocation": {}, "replacements": [{}]}]}]}]}]}`, `replacement lacks required property "deletedRegion"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "invocations": [{}]}]}`, `invocation lacks required property "executionSuccessful"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "results": [{"ruleId": "b", "ruleIndex": 0, "message": {"text": "m"}}]}]}`, `ruleIndex 0 does not point at rule "b"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`, `fatal is not one of`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "severity": "x"}]}]}`, `result has no property "severity"`},
	} {
		errs := sarif.Validate([]byte(tc.log))
		if !strings.Contains(errors.Join(errs...).Error()+" ", tc.want) {
			t.Errorf("Validate(%s) = %v, want an error containing %q", tc.log, errs, tc.want)
		}
	}
}
