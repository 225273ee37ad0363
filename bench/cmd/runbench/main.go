//go:build unix

// Command runbench measures closewait against its floor and checks its
// robustness on real code. Run it from the repository root:
//
//	go run ./bench/cmd/runbench                 # the benchmark (BENCHMARKS.md)
//	go run ./bench/cmd/runbench -robust         # the robustness runs
//	go run ./bench/cmd/runbench -robust -targets std,x/net,grpc -vet x/net,grpc   # what CI runs
//	go run ./bench/cmd/runbench -corpusonly     # only the real-code corpus (eval/cmd/corpus)
//
// The benchmark builds cmd/closewait and bench/ssafloor, runs them
// interleaved (-runs times each) on pinned targets, and reports median
// wall time, user+sys CPU and peak RSS from each child's rusage, the
// paired ratio suite/floor with its range, a per-analyzer time split, and
// the scaling benchmarks of the core, and then runs the real-code corpus
// (eval/cmd/corpus, all of it unless -corpus short or off) with the same
// closewait binary and appends its report. The robustness mode runs the suite
// over std and third-party modules and checks that it never crashes, that
// no analyzer fails, and that two -json runs print the same bytes; with
// -vet, it also runs the suite through go vet -vettool on the named
// targets and checks that go vet reports exactly what the standalone
// driver reports, and how long a warm rerun (go vet's cache) takes.
//
// Third-party targets come from the module in bench/targets, whose go.mod
// pins their versions; the tools run from inside it with package
// patterns. Every analysis is cold: the standalone driver keeps no
// analysis cache between runs. The Go build cache stays warm (go list and
// cgo output): each target is run once, unmeasured, before the runs.
//
// It writes a Markdown report to stdout (or -o) and progress to stderr,
// and exits 1 if a tool crashed or failed, or a robustness check failed.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/closewait/closewait/analyzer"
)

// target is a set of packages to analyse.
type target struct {
	name    string   // short name used in tables and by -targets
	pattern string   // package pattern, run from inside bench/targets
	env     []string // extra environment for the tools
}

// stdVar makes the core analyse all of the standard library, which it
// skips by default (std's behaviour is in its tables): the robustness
// run over std sets it.
const stdVar = "CLOSEWAIT_STD=1"

// stdOnly makes the core analyse the std packages of pattern as it
// analyses user code, the rest of std being known from the tables: what
// the benchmark's std targets measure, so that closewait builds SSA for
// the same packages as the floor.
func stdOnly(pattern string) []string { return []string{"CLOSEWAIT_STD=" + pattern} }

// benchTargets are the targets of the benchmark: std's networking
// packages, three networking modules, and one target that cannot reach
// package net, where closewait builds no SSA at all.
func benchTargets() []target {
	return []target{
		{"net", "net/...", stdOnly("net/...")},
		{"net/http", "net/http/...", stdOnly("net/http/...")},
		{"x/net", "golang.org/x/net/...", nil},
		{"grpc", "google.golang.org/grpc/...", nil},
		{"nats-server", "github.com/nats-io/nats-server/v2/...", nil},
		{"go (no net)", "go/...", stdOnly("go/...")},
	}
}

// robustTargets are the targets of the robustness mode.
func robustTargets() []target {
	return []target{
		{"std", "std", []string{stdVar}},
		{"x/net", "golang.org/x/net/...", nil},
		{"grpc", "google.golang.org/grpc/...", nil},
		{"go-redis", "github.com/redis/go-redis/v9/...", nil},
	}
}

// config is what the flags set.
type config struct {
	runs     int
	targets  string
	robust   bool
	split    bool
	scaling  bool
	warmup   bool
	equiv    bool
	skipped  bool
	vet      string
	out      string
	benchArg string
	corpus   string // corpusFull, corpusShort or corpusOff
	only     bool   // only the corpus phase
}

func main() {
	var cfg config
	var child string
	flag.IntVar(&cfg.runs, "runs", 3, "measured runs of each tool on each target")
	flag.StringVar(&cfg.targets, "targets", "", "comma-separated target names to run (default: all of the mode)")
	flag.BoolVar(&cfg.equiv, "equiv", false, "equivalence mode: on each target, the suite's findings and facts with selective SSA, with selective SSA built in halves (CLOSEWAIT_SSA=split) and with full SSA (CLOSEWAIT_SSA=full) must be identical")
	flag.BoolVar(&cfg.robust, "robust", false, "robustness mode: crashes, analyzer errors, exit status, determinism of -json")
	flag.BoolVar(&cfg.split, "split", true, "benchmark: also measure the per-analyzer time split (one sequential in-process run per tool and target)")
	flag.BoolVar(&cfg.scaling, "scaling", true, "benchmark: also run the core's scaling benchmarks (go test -bench)")
	flag.BoolVar(&cfg.warmup, "warmup", true, "run each target once, unmeasured, to warm the Go build cache")
	flag.BoolVar(&cfg.skipped, "skipped", true, "robustness: also list the functions the core skipped (one more in-process run per target)")
	flag.StringVar(&cfg.vet, "vet", "", "robustness: comma-separated targets also to run through go vet -vettool, cold with a fresh GOCACHE and then warm, comparing its findings with the standalone run's")
	flag.StringVar(&cfg.out, "o", "", "write the Markdown report to this file instead of stdout")
	flag.StringVar(&cfg.benchArg, "benchtime", "200ms", "scaling: -benchtime for go test")
	flag.StringVar(&cfg.corpus, "corpus", corpusFull, "benchmark: the real-code corpus phase (eval/cmd/corpus): full, short (what CI runs) or off")
	flag.BoolVar(&cfg.only, "corpusonly", false, "run only the corpus phase (no cold runs, split or scaling)")
	flag.StringVar(&child, "child", "", "internal: run the in-process child `suite|floor|equiv` on the pattern arguments")
	flag.Parse()

	if child != "" {
		if err := runChild(child, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, "runbench child:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "runbench:", err)
		os.Exit(1)
	}
}

// env is where the tools run.
type env struct {
	root    string // repository root
	targets string // bench/targets, the module the tools run in
	bin     string // directory of the built tools
	vars    []string
}

func run(cfg config) error {
	if cfg.runs < 1 {
		return fmt.Errorf("-runs must be at least 1")
	}
	if _, _, err := corpusArgs(cfg.corpus); err != nil {
		return err
	}
	if cfg.only && (cfg.robust || cfg.corpus == corpusOff) {
		return fmt.Errorf("-corpusonly runs the corpus phase of the benchmark: not with -robust or -corpus off")
	}
	e, err := setup()
	if err != nil {
		return err
	}
	defer os.RemoveAll(e.bin)

	all := benchTargets()
	if cfg.robust {
		all = robustTargets()
	}
	targets, err := selectTargets(all, cfg.targets)
	if err != nil {
		return err
	}

	var report bytes.Buffer
	var failed error
	switch {
	case cfg.equiv:
		failed = equivalence(&report, e, targets)
	case cfg.robust:
		failed = robustness(&report, e, targets, cfg)
	case cfg.only:
		failed = corpusPhase(&report, e, cfg.corpus)
	default:
		failed = errors.Join(benchmark(&report, e, targets, cfg), corpusPhase(&report, e, cfg.corpus))
	}

	var w io.Writer = os.Stdout
	if cfg.out != "" {
		f, err := os.Create(cfg.out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if _, err := w.Write(report.Bytes()); err != nil {
		return err
	}
	return failed
}

// setup locates the repository, fetches the third-party targets through
// the module proxy and builds the tools (and runbench itself, for the
// in-process children) into a temporary directory.
func setup() (*env, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	mod, err := os.ReadFile(gomod)
	if err != nil || !bytes.HasPrefix(mod, []byte("module github.com/closewait/closewait\n")) {
		return nil, fmt.Errorf("run runbench from the closewait repository (go.mod here is %q)", gomod)
	}
	e := &env{root: filepath.Dir(gomod)}
	e.targets = filepath.Join(e.root, "bench", "targets")
	e.vars = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=readonly"), "GOWORK=off", "GOTOOLCHAIN=local")
	e.bin, err = os.MkdirTemp("", "runbench")
	if err != nil {
		return nil, err
	}

	progress("fetching the third-party targets (go mod download in bench/targets)")
	if err := e.goCmd(e.targets, "mod", "download"); err != nil {
		return nil, err
	}
	for _, tool := range []struct{ name, pkg string }{
		{"closewait", "./cmd/closewait"},
		{"ssafloor", "./bench/ssafloor"},
		{"runbench", "./bench/cmd/runbench"},
	} {
		progress("building %s", tool.pkg)
		if err := e.goCmd(e.root, "build", "-o", filepath.Join(e.bin, tool.name), tool.pkg); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// goCmd runs the go command in dir, failing with its output.
func (e *env) goCmd(dir string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = e.vars
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// tool returns the path of a built tool.
func (e *env) tool(name string) string { return filepath.Join(e.bin, name) }

func selectTargets(all []target, names string) ([]target, error) {
	if names == "" {
		return all, nil
	}
	var out []target
	for _, name := range strings.Split(names, ",") {
		found := false
		for _, t := range all {
			if t.name == name || strings.TrimSuffix(t.name, " (no net)") == name {
				out = append(out, t)
				found = true
			}
		}
		if !found {
			var known []string
			for _, t := range all {
				known = append(known, t.name)
			}
			return nil, fmt.Errorf("unknown target %q (known: %s)", name, strings.Join(known, ", "))
		}
	}
	return out, nil
}

// countPackages returns the number of packages the pattern matches,
// test variants included (what the tools analyse and report on), and the
// number the tools load, dependencies included.
func (e *env) countPackages(pattern string) (roots, loaded int, err error) {
	count := func(args ...string) (int, error) {
		cmd := exec.Command("go", append([]string{"list", "-test"}, args...)...)
		cmd.Dir = e.targets
		cmd.Env = e.vars
		out, err := cmd.Output()
		if err != nil {
			return 0, fmt.Errorf("go list %s: %v", strings.Join(args, " "), err)
		}
		return bytes.Count(out, []byte("\n")), nil
	}
	if roots, err = count(pattern); err != nil {
		return 0, 0, err
	}
	loaded, err = count("-deps", pattern)
	return roots, loaded, err
}

// machine describes the machine, the toolchain and the code measured,
// for the report.
func machine(e *env) string {
	var sb strings.Builder
	model, mem := "unknown", "unknown"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				var kb int64
				fmt.Sscan(strings.TrimSpace(v), &kb)
				mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	goVersion := "unknown"
	if out, err := exec.Command("go", "version").Output(); err == nil {
		goVersion = strings.TrimSpace(string(out))
	}
	fmt.Fprintf(&sb, "- machine: %s/%s, %d CPUs (nproc), %s memory, CPU %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), mem, model)
	fmt.Fprintf(&sb, "- toolchain: %s\n", goVersion)
	fmt.Fprintf(&sb, "- closewait: %s; suite: %s\n", revision(e.root), strings.Join(suiteNames(), ", "))
	fmt.Fprintf(&sb, "- date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	return sb.String()
}

// revision returns the commit of the repository at root, and whether the
// working tree has changes, or "unknown" without git.
func revision(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown revision"
	}
	rev := "commit " + strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "-C", root, "status", "--porcelain").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		rev += " plus uncommitted changes"
	}
	return rev
}

// suiteNames returns the names of the analyzers of the suite.
func suiteNames() []string {
	var names []string
	for _, a := range analyzer.Suite {
		names = append(names, a.Name)
	}
	return names
}

// loadavg returns the 1, 5 and 15 minute load averages.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "runbench: "+format+"\n", args...)
}
