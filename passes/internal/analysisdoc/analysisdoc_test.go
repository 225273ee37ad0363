package analysisdoc

import (
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	src := "// Package x does x.\n//\n// # Analyzer x\n//\n// x: report the x bug\n//\n// Body text.\n//\n// # Analyzer y\n//\n// y: other\npackage x\n"
	got, err := Extract(src, "x")
	if err != nil {
		t.Fatal(err)
	}
	if want := "report the x bug\n\nBody text.\n"; got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
	if Title(got) != "report the x bug" {
		t.Errorf("Title = %q", Title(got))
	}
	if y := MustExtract(src, "y"); y != "other\n" {
		t.Errorf("Extract(y) = %q", y)
	}
}

func TestExtractErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"package x\n", "no package doc comment"},
		{"// Package x.\npackage x\n", "no \"# Analyzer x\" heading"},
		{"// # Analyzer x\n//\n// wrong: title\npackage x\n", "must start with"},
		{"not go", "parsing doc"},
	} {
		_, err := Extract(tc.src, "x")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Extract(%q) error = %v, want %q", tc.src, err, tc.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustExtract did not panic on a malformed doc")
		}
	}()
	MustExtract("package x\n", "x")
}
