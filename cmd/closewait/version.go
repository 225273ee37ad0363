package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

const (
	modulePath = "github.com/closewait/closewait"
	xtoolsPath = "golang.org/x/tools"
)

// versions returns the versions of closewait's module and of x/tools in
// this binary, from its build info: "(devel)" for a build from a
// checkout, "unknown" without build info.
func versions() (closewait, xtools string) {
	closewait, xtools = "unknown", "unknown"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	for _, m := range append([]*debug.Module{&info.Main}, info.Deps...) {
		switch m.Path {
		case modulePath:
			closewait = moduleVersion(m)
		case xtoolsPath:
			xtools = moduleVersion(m)
		}
	}
	if info.Main.Path == modulePath {
		closewait = info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && (closewait == "" || closewait == "(devel)") {
				closewait = "(devel) " + s.Value
			}
		}
	}
	if closewait == "" {
		closewait = "(devel)"
	}
	return closewait, xtools
}

// versionMain implements `closewait version`. (go vet's cache uses
// -V=full instead, which multichecker answers.)
func versionMain(w io.Writer, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(w, "usage: closewait version")
		return 2
	}
	cw, xt := versions()
	fmt.Fprintf(w, "closewait %s\n%s %s\nbuilt with %s\n", cw, xtoolsPath, xt, runtime.Version())
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
