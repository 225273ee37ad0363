//go:build unix

package main

import (
	"slices"
	"testing"
)

func TestFindingLines(t *testing.T) {
	vet := "# example.com/m/server\n" +
		"server/server.go:15:3: conn c is not closed\n" +
		"server/server.go:9:24: \tthe conn is made here\n" +
		"server/server.go:15:3: conn c is not closed\n" +
		"/abs/x.go:1:2: a: b\n"
	standalone := "/mod/server/server.go:15:3: conn c is not closed\n" +
		"/mod/server/server.go:9:24: \tthe conn is made here\n" +
		"/abs/x.go:1:2: a: b\n"
	want := []string{"/abs/x.go:1:2: a: b", "/mod/server/server.go:15:3: conn c is not closed"}
	if got := findingLines([]byte(vet), "/mod"); !slices.Equal(got, want) {
		t.Errorf("go vet output: got %q, want %q", got, want)
	}
	if got := findingLines([]byte(standalone), "/elsewhere"); !slices.Equal(got, want) {
		t.Errorf("standalone output: got %q, want %q", got, want)
	}
}
