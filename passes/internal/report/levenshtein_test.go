package report

import "testing"

func TestNearest(t *testing.T) {
	checks := []string{"closewait", "connleak"}
	for _, tc := range []struct {
		name, want string
		dist       int
	}{
		{"closewait", "closewait", 0},
		{"closewiat", "closewait", 2},
		{"conleak", "connleak", 1},
		{"connleaks", "connleak", 1},
		{"", "connleak", 8},
	} {
		got, dist := nearest(tc.name, checks)
		if got != tc.want || dist != tc.dist {
			t.Errorf("nearest(%q) = %q, %d; want %q, %d", tc.name, got, dist, tc.want, tc.dist)
		}
	}
}
