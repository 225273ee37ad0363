package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

const (
	modulePath = "github.com/closewait/closewait"
	xtoolsPath = "golang.org/x/tools"

	// sourceVersion is the version of this source tree, following
	// CHANGELOG.md: the next release with a -dev suffix between releases,
	// the release itself in the commit that is tagged. It names a build
	// that has no module version of its own (one from a checkout).
	sourceVersion = "v0.1.0-dev"
)

// commit is the commit the binary was built from, for builds without VCS
// stamping (GOFLAGS=-buildvcs=false, a git worktree or a source archive):
//
//	go build -ldflags="-X main.commit=$(git rev-parse HEAD)" ./cmd/closewait
//
// The linker sets it; nothing writes it at run time.
var commit string

// versions returns the versions of closewait's module and of x/tools in
// this binary, from its build info (see closewaitVersion).
func versions() (closewait, xtools string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return closewaitVersion(nil, commit), "unknown"
	}
	xtools = "unknown"
	for _, m := range info.Deps {
		if m.Path == xtoolsPath {
			xtools = moduleVersion(m)
		}
	}
	return closewaitVersion(info, commit), xtools
}

// closewaitVersion returns closewait's version in a binary with build
// info info (nil if none) and the linker-set commit ldCommit:
//
//   - a module version when there is one: a release (v0.1.0), or the
//     pseudo-version the go command stamps on a build in a clone
//     (v0.0.0-20261202180214-7b17b5309441, +dirty with local changes);
//   - otherwise sourceVersion with the commit as build metadata
//     (v0.1.0-dev+7b17b5309441, .dirty with local changes), the commit
//     coming from VCS stamping or from ldCommit;
//   - otherwise sourceVersion+unknown: a build from source whose commit
//     nothing recorded.
//
// It never returns "(devel)", which says nothing about the source.
func closewaitVersion(info *debug.BuildInfo, ldCommit string) string {
	if info != nil {
		for _, m := range info.Deps {
			if m.Path == modulePath {
				return moduleVersion(m) // linked into another program
			}
		}
		if v := info.Main.Version; info.Main.Path == modulePath && v != "" && v != "(devel)" {
			return v
		}
	}
	rev, dirty := ldCommit, false
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if rev == "" {
		return sourceVersion + "+unknown"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += ".dirty"
	}
	return sourceVersion + "+" + rev
}

// versionMain implements `closewait version`.
func versionMain(w io.Writer, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(w, "usage: closewait version")
		return 2
	}
	cw, xt := versions()
	fmt.Fprintf(w, "closewait %s\n%s %s\nbuilt with %s\n", cw, xtoolsPath, xt, runtime.Version())
	if strings.HasSuffix(cw, "+unknown") {
		fmt.Fprintln(w, `commit unknown: built without VCS stamping (GOFLAGS=-buildvcs=false, a git worktree or an archive); build with -ldflags="-X main.commit=$(git rev-parse HEAD)" to record it`)
	}
	return 0
}

// fullVersionMain answers -V=full, which go vet and go fix call to key
// their caches on the tool. The line is "<exe> version <version>
// buildID=<sha256 of the executable>". As the version does not contain
// "devel", the go command keys the cache on the whole line, which
// changes with the executable's content, as with multichecker's own
// answer ("version devel comments-go-here buildID=...").
func fullVersionMain(w, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "closewait -V=full:", err)
		return 1
	}
	f, err := os.Open(exe)
	if err != nil {
		fmt.Fprintln(stderr, "closewait -V=full:", err)
		return 1
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		fmt.Fprintln(stderr, "closewait -V=full:", err)
		return 1
	}
	cw, _ := versions()
	fmt.Fprintf(w, "%s version %s buildID=%x\n", exe, cw, h.Sum(nil))
	return 0
}

// moduleVersion returns m's version, following a replacement.
func moduleVersion(m *debug.Module) string {
	switch {
	case m.Replace == nil:
		return m.Version
	case m.Replace.Version != "":
		return m.Replace.Version
	default:
		return m.Version + " => " + m.Replace.Path
	}
}
