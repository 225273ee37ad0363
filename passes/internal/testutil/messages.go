package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// UpdateMessagesEnv, set to 1, makes Messages rewrite its golden files.
const UpdateMessagesEnv = "CLOSEWAIT_UPDATE_MESSAGES"

// MessagesDir is where, under a check's testdata, Messages keeps its
// golden files.
const MessagesDir = "messages"

// Messages checks the distinct messages that results hold against the
// golden file testdata/messages/<name>.txt: one line per message, the
// length of its first sentence, its category and the message. A change
// of wording shows in review as a change of that file; rewrite it with
// CLOSEWAIT_UPDATE_MESSAGES=1. The files of every check are what the
// median-length test of the suite measures.
func Messages(t *testing.T, name string, results []*analysistest.Result) {
	t.Helper()
	seen := make(map[string]bool)
	var lines []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			line := fmt.Sprintf("%d\t%s\t%s", len(FirstSentence(d.Message)), d.Category, d.Message)
			if !seen[line] {
				seen[line] = true
				lines = append(lines, line)
			}
		}
	}
	slices.SortFunc(lines, func(a, b string) int {
		return strings.Compare(a[strings.IndexByte(a, '\t'):], b[strings.IndexByte(b, '\t'):])
	})
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join(analysistest.TestData(), MessagesDir, name+".txt")
	if os.Getenv(UpdateMessagesEnv) == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with %s=1 to write it)", err, UpdateMessagesEnv)
	}
	if got != string(want) {
		t.Errorf("messages differ from %s (run with %s=1 to rewrite it, and review the diff):\ngot:\n%s", path, UpdateMessagesEnv, got)
	}
}

// FirstSentence returns the first sentence of a diagnostic message: up to
// the first ": ", "; " or ". ", or the whole message. It is what says
// what leaks and where; the rest says, in a few words, what it costs.
func FirstSentence(msg string) string {
	end := len(msg)
	for _, sep := range []string{": ", "; ", ". "} {
		if i := strings.Index(msg, sep); i >= 0 && i < end {
			end = i
		}
	}
	return msg[:end]
}
