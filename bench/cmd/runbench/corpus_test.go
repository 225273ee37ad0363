//go:build unix

package main

import (
	"slices"
	"testing"
)

func TestCorpusArgs(t *testing.T) {
	for _, c := range []struct {
		mode string
		args []string
		run  bool
		bad  bool
	}{
		{mode: corpusFull, run: true},
		{mode: corpusShort, args: []string{"-short"}, run: true},
		{mode: corpusOff},
		{mode: "all", bad: true},
		{mode: "", bad: true},
	} {
		args, run, err := corpusArgs(c.mode)
		if (err != nil) != c.bad || run != c.run || !slices.Equal(args, c.args) {
			t.Errorf("corpusArgs(%q) = %q, %v, %v; want %q, %v, error %v", c.mode, args, run, err, c.args, c.run, c.bad)
		}
	}
}

func TestDemoteHeadings(t *testing.T) {
	in := "# closewait on the corpus\n\n## Precision\n\n| a | b |\n### Per check\ntext # not a heading\n"
	want := "\n### Precision\n\n| a | b |\n#### Per check\ntext # not a heading\n"
	if got := string(demoteHeadings([]byte(in))); got != want {
		t.Errorf("demoteHeadings:\n%s\nwant:\n%s", got, want)
	}
	// A report without a title keeps all its headings, one level down.
	if got := string(demoteHeadings([]byte("## A\nx\n"))); got != "### A\nx\n" {
		t.Errorf("demoteHeadings without a title = %q", got)
	}
}
