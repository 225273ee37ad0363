package drivejson

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	out := []byte(`{
  "p [p.test]": {"connleak": [{"posn": "/a/p.go:3:1", "message": "m2"}, {"posn": "/a/p.go:2:1", "message": "m1"}]},
  "q": {"closewait": {"error": "boom"}}
}`)
	diags, errs, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []Diag{
		{Package: "p [p.test]", Analyzer: "connleak", Posn: "/a/p.go:2:1", Message: "m1"},
		{Package: "p [p.test]", Analyzer: "connleak", Posn: "/a/p.go:3:1", Message: "m2"},
	}
	if !reflect.DeepEqual(diags, want) {
		t.Errorf("diags = %+v, want %+v", diags, want)
	}
	if len(errs) != 1 || errs[0] != "q closewait: boom" {
		t.Errorf("errs = %q", errs)
	}
	if d, e, err := Parse([]byte("  \n")); d != nil || e != nil || err != nil {
		t.Errorf("empty output: %v %v %v", d, e, err)
	}
	for _, bad := range []string{`not json`, `{"p": {"a": 42}}`} {
		if _, _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) did not fail", bad)
		}
	}
}
