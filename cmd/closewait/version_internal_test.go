package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestCloseWaitVersion covers every way a binary can be built: a release,
// a clone with VCS stamping (go build, go install ./cmd/closewait), a
// build without it (GOFLAGS=-buildvcs=false as in CI, a git worktree,
// whose .git is a file the go command does not stamp from), with and
// without -ldflags=-X main.commit, and closewait linked into another
// program (golangci-lint, gopls).
func TestCloseWaitVersion(t *testing.T) {
	const rev = "7b17b530944141323035b053bb01190026e2a4c9"
	main := func(v string, settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: v}, Settings: settings}
	}
	for _, tc := range []struct {
		name     string
		info     *debug.BuildInfo
		ldCommit string
		want     string
	}{
		{"release", main("v0.1.0"), "", "v0.1.0"},
		{"clone, stamped", main("v0.0.0-20261202180214-7b17b5309441", debug.BuildSetting{Key: "vcs.revision", Value: rev}), "", "v0.0.0-20261202180214-7b17b5309441"},
		{"clone, stamped, dirty", main("v0.0.0-20261202180214-7b17b5309441+dirty"), "", "v0.0.0-20261202180214-7b17b5309441+dirty"},
		{"devel with vcs settings", main("(devel)", debug.BuildSetting{Key: "vcs.revision", Value: rev}, debug.BuildSetting{Key: "vcs.modified", Value: "false"}), "", sourceVersion + "+7b17b5309441"},
		{"devel with vcs settings, dirty", main("(devel)", debug.BuildSetting{Key: "vcs.revision", Value: rev}, debug.BuildSetting{Key: "vcs.modified", Value: "true"}), "", sourceVersion + "+7b17b5309441.dirty"},
		{"-buildvcs=false with -X main.commit", main("(devel)"), rev, sourceVersion + "+7b17b5309441"},
		{"-buildvcs=false, short -X main.commit", main("(devel)"), "738d525", sourceVersion + "+738d525"},
		{"-buildvcs=false, nothing recorded", main("(devel)"), "", sourceVersion + "+unknown"},
		{"empty version", main(""), "", sourceVersion + "+unknown"},
		{"no build info", nil, "", sourceVersion + "+unknown"},
		{"a dependency", &debug.BuildInfo{Main: debug.Module{Path: "github.com/golangci/golangci-lint/v2", Version: "(devel)"},
			Deps: []*debug.Module{{Path: modulePath, Version: "v0.1.0"}}}, "", "v0.1.0"},
		{"a replaced dependency", &debug.BuildInfo{Main: debug.Module{Path: "custom", Version: "(devel)"},
			Deps: []*debug.Module{{Path: modulePath, Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "/src/closewait"}}}}, "",
			"v0.0.0-00010101000000-000000000000 => /src/closewait"},
	} {
		got := closewaitVersion(tc.info, tc.ldCommit)
		if got != tc.want {
			t.Errorf("%s: closewaitVersion = %q, want %q", tc.name, got, tc.want)
		}
		if strings.Contains(got, "devel") {
			t.Errorf("%s: %q says devel", tc.name, got)
		}
	}
}
