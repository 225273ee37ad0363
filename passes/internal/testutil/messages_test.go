package testutil

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestMessageLength measures, over the golden message files of every
// check (each message its tests report, once), the median length of a
// message's first sentence: issue 15 asks for at most 100 characters, in
// the go vet style. It also lists, per file and category, the longest
// first sentence, so that a template that grows shows in the log.
func TestMessageLength(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "*", "testdata", MessagesDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 9 {
		t.Fatalf("found %d golden message files, want one or more for each of the 9 checks", len(files))
	}
	var firsts, fulls []int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		longest := make(map[string]int)
		text := strings.TrimSpace(string(data))
		if text == "" {
			continue // a test whose packages report nothing
		}
		for line := range strings.SplitSeq(text, "\n") {
			parts := strings.SplitN(line, "\t", 3)
			if len(parts) != 3 {
				t.Fatalf("%s: bad line %q", f, line)
			}
			n, err := strconv.Atoi(parts[0])
			if err != nil || n != len(FirstSentence(parts[2])) {
				t.Errorf("%s: first-sentence length %s does not match %q", f, parts[0], parts[2])
			}
			firsts = append(firsts, n)
			fulls = append(fulls, len(parts[2]))
			longest[parts[1]] = max(longest[parts[1]], n)
		}
		t.Logf("%s: longest first sentence per category: %v", filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(f))))+"/"+filepath.Base(f), longest)
	}
	slices.Sort(firsts)
	slices.Sort(fulls)
	median := func(s []int) int { return s[len(s)/2] }
	t.Logf("%d messages: median first sentence %d characters, median message %d", len(firsts), median(firsts), median(fulls))
	if m := median(firsts); m > 100 {
		t.Errorf("median first sentence is %d characters, want <= 100", m)
	}
}

func TestFirstSentence(t *testing.T) {
	for msg, want := range map[string]string{
		"conn c from net.Dial is not closed when c.Read fails (line 3): it stays in CLOSE_WAIT": "conn c from net.Dial is not closed when c.Read fails (line 3)",
		"a; b: c":        "a",
		"no separator":   "no separator",
		"x.y is set. It": "x.y is set",
	} {
		if got := FirstSentence(msg); got != want {
			t.Errorf("FirstSentence(%q) = %q, want %q", msg, got, want)
		}
	}
}
