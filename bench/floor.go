// Package bench holds closewait's benchmark harness (see README.md): the
// floor analyzer that the suite is compared against, the ssafloor command
// that runs it, the runbench command, and end-to-end tests of the
// command on broken input.
package bench

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// Floor requires buildssa and does nothing else. Any SSA-based check
// run through the x/tools drivers pays at least what Floor pays:
// loading and type-checking every package from source (buildssa's
// dependency ctrlflow has facts, so the drivers load the whole import
// graph with syntax), ctrlflow over every package, and SSA for the
// packages analysed.
var Floor = &analysis.Analyzer{
	Name:     "ssafloor",
	Doc:      "require buildssa and do nothing else (the benchmark floor)",
	URL:      "https://pkg.go.dev/github.com/closewait/closewait/bench",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}
