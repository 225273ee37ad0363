//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/bench"
	"github.com/closewait/closewait/internal/lean"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// childReport is what the in-process child prints, as JSON.
type childReport struct {
	LoadSeconds     float64
	AnalysisSeconds float64
	// LiveHeapMiB is the heap still in use after a GC at the end of the
	// analysis, with the graph (every action's result) still reachable,
	// as the driver holds it while printing.
	LiveHeapMiB float64
	Analyzers   []analyzerTime
	Errors      []string // failed actions, "analyzer@package: error"
	Skipped     []string // functions the core skipped, "package: func: reason"
	Core        coreStats
}

// analyzerTime is the work of one analyzer over all packages.
type analyzerTime struct {
	Name    string
	Actions int
	Seconds float64
}

func (r childReport) seconds(name string) float64 {
	for _, a := range r.Analyzers {
		if a.Name == name {
			return a.Seconds
		}
	}
	return 0
}

// child runs runbench's in-process child on t in the targets module.
func (e *env) child(t target, which string, sequential bool) (childReport, error) {
	var rep childReport
	err := e.childJSON(t, which, &rep, fmt.Sprint(sequential))
	return rep, err
}

// childJSON runs the in-process child which on t and decodes its JSON
// report into rep.
func (e *env) childJSON(t target, which string, rep any, sequential ...string) error {
	if len(sequential) == 0 {
		sequential = []string{"true"}
	}
	pattern := t.pattern
	cmd := exec.Command(e.tool("runbench"), "-child", which, "--", sequential[0], pattern)
	cmd.Dir = e.targets
	cmd.Env = append(slices.Clone(e.vars), t.env...)
	var o, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &errOut
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("runbench -child %s %s: %v\n%s", which, pattern, err, tail(errOut.Bytes(), 20))
	}
	if err := json.Unmarshal(o.Bytes(), rep); err != nil {
		return fmt.Errorf("runbench -child %s %s: %v", which, pattern, err)
	}
	return nil
}

// runChild loads the packages of args[1:] as the standalone driver does
// and analyses them with the suite or the floor, sequentially if args[0]
// is "true", then prints a childReport.
func runChild(which string, args []string) error {
	var analyzers []*analysis.Analyzer
	var coreProbe *probe // the suite's: the core's result on every package
	switch which {
	case "equiv":
		return runEquiv(args)
	case "suite":
		analyzers = analyzer.Suite
		if coreProbe = newCoreProbe(analyzer.Suite); coreProbe != nil {
			analyzers = append(slices.Clone(analyzer.Suite), coreProbe.analyzer)
		}
	case "floor":
		analyzers = []*analysis.Analyzer{bench.Floor}
	default:
		return fmt.Errorf("unknown child %q", which)
	}
	if len(args) < 2 {
		return fmt.Errorf("usage: runbench -child suite|floor -- true|false pattern...")
	}
	sequential := args[0] == "true"

	// The mode of x/tools' checker driver when an analyzer has facts;
	// the suite's std files parsed lean, as closewait's driver does.
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true}
	if lp := lean.NewParser(args[1:]); which == "suite" && lp != nil {
		cfg.ParseFile = lp.ParseFile
	}
	start := time.Now()
	pkgs, err := packages.Load(cfg, args[1:]...)
	if err != nil {
		return err
	}
	rep := childReport{LoadSeconds: time.Since(start).Seconds()}
	if out := os.Getenv("RUNBENCH_CPUPROFILE"); out != "" {
		// A profile of the analysis alone, for looking into a target.
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start = time.Now()
	graph, err := checker.Analyze(analyzers, pkgs, &checker.Options{Sequential: sequential})
	if err != nil {
		return err
	}
	rep.AnalysisSeconds = time.Since(start).Seconds()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rep.LiveHeapMiB = float64(ms.HeapAlloc) / (1 << 20)

	byName := make(map[string]*analyzerTime)
	for act := range graph.All() {
		a := byName[act.Analyzer.Name]
		if a == nil {
			a = &analyzerTime{Name: act.Analyzer.Name}
			byName[a.Name] = a
		}
		a.Actions++
		a.Seconds += act.Duration.Seconds()
		if act.Err != nil {
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s: %v", act, act.Err))
		}
	}
	if coreProbe != nil {
		for _, r := range coreProbe.collected() {
			rep.Skipped = append(rep.Skipped, skippedFuncs(r.pkg, r.result)...)
			rep.Core.add(r.result)
		}
	}
	for _, a := range byName {
		rep.Analyzers = append(rep.Analyzers, *a)
	}
	slices.SortFunc(rep.Analyzers, func(a, b analyzerTime) int { return strings.Compare(a.Name, b.Name) })
	slices.Sort(rep.Errors)
	slices.Sort(rep.Skipped)
	rep.Skipped = slices.Compact(rep.Skipped) // a package and its test variant share files
	runtime.KeepAlive(graph)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "\t")
	return enc.Encode(rep)
}

// skippedFuncs returns the functions listed by the Skipped method of
// the core's result. The core lives in passes/internal, which this
// command cannot import, so the method is called by reflection: a
// *Result whose Skipped returns a slice of structs with Func and Reason
// strings.
func skippedFuncs(pkg string, result any) []string {
	skipped, ok := callMethod(result, "Skipped")
	if !ok || skipped.Kind() != reflect.Slice {
		return nil
	}
	var out []string
	for i := range skipped.Len() {
		s := skipped.Index(i)
		if s.Kind() != reflect.Struct {
			continue
		}
		fn, reason := s.FieldByName("Func"), s.FieldByName("Reason")
		if fn.Kind() == reflect.String && reason.Kind() == reflect.String {
			out = append(out, fmt.Sprintf("%s: %s: %s", pkg, fn.String(), reason.String()))
		}
	}
	return out
}

// callMethod calls the method name, without arguments and with one
// result, of v (a non-nil pointer).
func callMethod(v any, name string) (reflect.Value, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, false
	}
	m := rv.MethodByName(name)
	if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 {
		return reflect.Value{}, false
	}
	return m.Call(nil)[0], true
}
