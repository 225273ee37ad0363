package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// delegated lists the flags whose runs multichecker serves itself: fixes
// (-fix, -diff), context lines (-c), the go vet and go fix protocol (-V,
// -flags) and its debugging and profiling flags.
var delegated = []string{"fix", "diff", "c", "V", "flags", "debug", "cpuprofile", "memprofile", "trace", "h", "help"}

// standalone reports whether closewait's own driver serves args (the
// command line after the program name): a plain run, in text or -json,
// on package patterns. Everything else goes to multichecker: no
// arguments (its usage), `help`, a .cfg file (go vet and go fix), and
// the delegated flags.
func standalone(args []string) bool {
	if len(args) == 0 || args[0] == "help" {
		return false
	}
	for _, arg := range args {
		if strings.HasSuffix(arg, ".cfg") {
			return false
		}
		name, ok := strings.CutPrefix(arg, "-")
		if !ok {
			continue
		}
		name = strings.TrimPrefix(name, "-")
		name, _, _ = strings.Cut(name, "=")
		for _, d := range delegated {
			if name == d {
				return false
			}
		}
	}
	return true
}

// standaloneMain runs the suite on the packages of args as multichecker
// does, with the same flags, output formats and exit codes (0 clean, 1
// errors, 3 findings; -json exits 0 unless there are errors), but prints
// each error once on one line, with no cascade of internal analyzer
// errors, and each finding once even when a package and its test variant
// both report it.
func standaloneMain(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("closewait", flag.ContinueOnError)
	var discard bytes.Buffer
	fs.SetOutput(&discard)
	jsonOut := fs.Bool("json", false, "emit JSON output")
	tests, selected := checkFlags(fs)
	fs.Bool("all", false, "no effect (deprecated)")
	fs.Bool("source", false, "no effect (deprecated)")
	fs.Bool("v", false, "no effect (deprecated)")
	fs.String("tags", "", "no effect (deprecated)")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "closewait: %v (closewait help lists the flags)\n", err)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "closewait: no packages given: closewait [flags] packages (e.g. ./...); closewait help for more")
		return 2
	}
	r, err := loadAndAnalyze(selected(), fs.Args(), *tests)
	if err != nil {
		fmt.Fprintln(stderr, "closewait:", err)
		return 1
	}
	for _, e := range r.errors {
		fmt.Fprintln(stderr, e)
	}
	if *jsonOut {
		r.attachBroken()
		if err := r.graph.PrintJSON(stdout); err != nil {
			fmt.Fprintln(stderr, "closewait:", err)
			return 1
		}
		if len(r.errors) > 0 {
			return 1
		}
		return 0
	}
	if err := r.graph.PrintText(stderr, -1); err != nil {
		fmt.Fprintln(stderr, "closewait:", err)
		return 1
	}
	switch {
	case len(r.errors) > 0:
		return 1
	case r.diagnostics() > 0:
		return 3
	}
	return 0
}

// attachBroken gives each broken root package one error entry in the
// JSON output, under the first analyzer run on it, so that the output
// says which packages were not analysed and why, once each.
func (r *run) attachBroken() {
	done := make(map[string]bool)
	for _, act := range r.graph.Roots {
		first, ok := r.broken[act.Package]
		if !ok || done[act.Package.ID] || act.Err != nil {
			continue
		}
		done[act.Package.ID] = true
		act.Err = errors.New("not analysed: " + strings.TrimPrefix(first, "closewait: "))
	}
}
