// Command corpus measures closewait's precision on real code. Run it from
// the repository root:
//
//	go run ./eval/cmd/corpus                    # the whole corpus and the fixed-bug table
//	go run ./eval/cmd/corpus -short             # the bounded subset CI runs (~3 min)
//	go run ./eval/cmd/corpus -modules github.com/hashicorp/yamux,github.com/xtaci/smux
//
// It builds cmd/closewait, runs it with -json from inside eval/corpus (a
// module of its own that pins the corpus modules) on the package patterns
// of eval/corpus/modules.tsv, places each finding in its module (file
// relative to the module root), and matches it against eval/triage.tsv by
// module@version, file, line and check (and the message's first words when
// two findings share a line). It prints, as Markdown (also to -o):
// precision overall, on test files and on the rest; findings per check;
// findings not yet triaged; triaged real findings no longer reported
// (lost recall). Then, unless -fixed=false, it checks the leaks of
// eval/fixed.tsv, fixed upstream: each module at the version before the
// fix must be flagged in the function named, and at the version after it
// should be silent there (recall and fix-silence).
//
// It exits 1 on any untriaged finding, any lost real finding, an analyzer
// error, a fixed leak flagged when it was added (its baseline) and no
// longer flagged before its fix, or a failure to run; 2 on bad flags.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/closewait/closewait/eval/internal/score"
)

// config is what the flags select.
type config struct {
	modules []string // -modules: module paths; nil for all (or the short subset)
	short   bool
	out     string
	fixed   bool
	tool    string   // prebuilt closewait, instead of building one
	corpus  bool     // run the corpus (-corpus=false: only the fixed leaks)
	fixedOf []string // -fixedmods: only the fixed leaks of these modules
}

func main() {
	var cfg config
	var mods string
	flag.StringVar(&mods, "modules", "", "comma-separated module paths to run (default: all of modules.tsv, or its short subset with -short)")
	flag.BoolVar(&cfg.short, "short", false, "run only the modules and fixed leaks marked short (a bounded run, about 3 minutes)")
	flag.StringVar(&cfg.out, "o", "", "also write the Markdown report to this file")
	flag.BoolVar(&cfg.fixed, "fixed", true, "check the leaks fixed upstream (eval/fixed.tsv)")
	flag.StringVar(&cfg.tool, "tool", "", "use this closewait binary instead of building cmd/closewait")
	flag.BoolVar(&cfg.corpus, "corpus", true, "run the corpus (false: only the fixed leaks)")
	var fixedMods string
	flag.StringVar(&fixedMods, "fixedmods", "", "comma-separated modules: check only their fixed leaks")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./eval/cmd/corpus [-short] [-modules a,b] [-fixed=false] [-o report.md]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if mods != "" {
		cfg.modules = strings.Split(mods, ",")
	}
	if fixedMods != "" {
		cfg.fixedOf = strings.Split(fixedMods, ",")
	}
	ok, err := run(cfg, os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %v\n", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// paths of the checked-in inputs, relative to the repository root.
const (
	corpusDir   = "eval/corpus"
	modulesFile = "eval/corpus/modules.tsv"
	triageFile  = "eval/triage.tsv"
	fixedFile   = "eval/fixed.tsv"
)

// run does the whole measurement and reports whether every check passed.
func run(cfg config, stdout, stderr io.Writer) (bool, error) {
	progress := func(format string, args ...any) {
		fmt.Fprintf(stderr, "%s corpus: %s\n", time.Now().UTC().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	root, err := os.Getwd()
	if err != nil {
		return false, err
	}
	if _, err := os.Stat(filepath.Join(root, modulesFile)); err != nil {
		return false, fmt.Errorf("run me from the repository root: %v", err)
	}
	allMods, err := parseFile(filepath.Join(root, modulesFile), score.ParseModules)
	if err != nil {
		return false, err
	}
	entries, err := parseFile(filepath.Join(root, triageFile), score.ParseTriage)
	if err != nil {
		return false, err
	}
	fixed, err := parseFile(filepath.Join(root, fixedFile), score.ParseFixed)
	if err != nil {
		return false, err
	}
	mods, err := selectModules(allMods, cfg)
	if err != nil {
		return false, err
	}
	if !cfg.corpus {
		mods = nil
	}

	tmp, err := os.MkdirTemp("", "closewait-corpus-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(tmp)
	tool := cfg.tool
	if tool == "" {
		tool = filepath.Join(tmp, "closewait")
		progress("building cmd/closewait")
		if out, err := command(root, nil, "go", "build", "-o", tool, "./cmd/closewait").CombinedOutput(); err != nil {
			return false, fmt.Errorf("go build ./cmd/closewait: %v\n%s", err, out)
		}
	}

	// Where each module is, at the version go.mod pins (it must be the
	// one modules.tsv names).
	cdir := filepath.Join(root, corpusDir)
	var dirs []score.ModuleDir
	if len(mods) > 0 {
		if dirs, err = moduleDirs(cdir, mods); err != nil {
			return false, err
		}
	}
	var patterns []string
	for _, m := range mods {
		patterns = append(patterns, m.Patterns...)
	}
	var findings []score.Finding
	var toolErrs []string
	var elapsed time.Duration
	if len(mods) > 0 {
		progress("closewait -json on %d modules (%d patterns)", len(mods), len(patterns))
		start := time.Now()
		out, errOut, loadErr, err := runTool(tool, cdir, patterns)
		elapsed = time.Since(start)
		if err != nil {
			return false, fmt.Errorf("closewait -json: %v\n%s", err, tail(errOut, 30))
		}
		progress("closewait took %s", elapsed.Round(time.Second))
		findings, toolErrs, err = score.ParseJSON(out, dirs)
		if err != nil {
			return false, err
		}
		if loadErr {
			toolErrs = append(toolErrs, "some packages failed to load:\n"+tail(errOut, 20))
		}
	}
	ran := make(map[string]bool)
	for _, m := range mods {
		ran[m.Key()] = true
	}
	res := score.Score(findings, entries, ran)

	var fixedRes []fixedResult
	if cfg.fixed {
		fr := newFixedRunner(tool, tmp)
		for _, x := range fixed {
			if cfg.short && !x.Short {
				continue
			}
			if cfg.modules != nil && !slices.Contains(cfg.modules, x.Module) {
				continue
			}
			if cfg.fixedOf != nil && !slices.Contains(cfg.fixedOf, x.Module) {
				continue
			}
			progress("fixed leak: %s %s..%s %s", x.Module, x.Before, x.After, x.Func)
			fixedRes = append(fixedRes, fr.check(x))
		}
	}

	var buf bytes.Buffer
	ok := writeReport(&buf, reportInput{
		mods: mods, findings: findings, toolErrs: toolErrs, res: res,
		elapsed: elapsed, fixed: fixedRes, short: cfg.short,
	})
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return false, err
	}
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, buf.Bytes(), 0o644); err != nil {
			return false, err
		}
	}
	return ok, nil
}

func parseFile[T any](path string, parse func(io.Reader) ([]T, error)) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v, err := parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return v, nil
}

// selectModules applies -modules and -short.
func selectModules(all []score.Module, cfg config) ([]score.Module, error) {
	if cfg.modules != nil {
		var out []score.Module
		for _, name := range cfg.modules {
			i := slices.IndexFunc(all, func(m score.Module) bool { return m.Path == name })
			if i < 0 {
				return nil, fmt.Errorf("-modules: %s is not in %s", name, modulesFile)
			}
			out = append(out, all[i])
		}
		return out, nil
	}
	if !cfg.short {
		return all, nil
	}
	var out []score.Module
	for _, m := range all {
		if m.Short {
			out = append(out, m)
		}
	}
	return out, nil
}

// command prepares name args to run in dir, in the environment plus env,
// with the local toolchain.
func command(dir string, env []string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// moduleDirs asks the go command, in the corpus module, where each module
// is, and checks that go.mod pins the version modules.tsv names.
func moduleDirs(cdir string, mods []score.Module) ([]score.ModuleDir, error) {
	args := []string{"list", "-m", "-f", "{{.Path}}\t{{.Version}}\t{{.Dir}}"}
	for _, m := range mods {
		args = append(args, m.Path)
	}
	cmd := command(cdir, nil, "go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m: %v\n%s", err, stderr.Bytes())
	}
	got := make(map[string][2]string)
	// Not TrimSpace: a module not yet downloaded ends its line in a tab
	// (an empty Dir), which must stay a third field.
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 3 {
			got[f[0]] = [2]string{f[1], f[2]}
		}
	}
	var dirs []score.ModuleDir
	for _, m := range mods {
		g, ok := got[m.Path]
		if !ok {
			return nil, fmt.Errorf("%s is not required by %s/go.mod", m.Path, corpusDir)
		}
		if g[0] != m.Version {
			return nil, fmt.Errorf("%s: go.mod selects %s, %s names %s", m.Path, g[0], modulesFile, m.Version)
		}
		if g[1] == "" {
			// Not in the module cache yet.
			dir, err := download(cdir, m.Key())
			if err != nil {
				return nil, err
			}
			g[1] = dir
		}
		dirs = append(dirs, score.ModuleDir{Key: m.Key(), Dir: g[1]})
	}
	return dirs, nil
}

// download fetches mod@version into the module cache and returns its
// directory.
func download(dir, modVersion string) (string, error) {
	out, err := command(dir, nil, "go", "mod", "download", "-json", modVersion).Output()
	if err != nil && bytes.Contains(out, []byte("sumdb")) && bytes.Contains(out, []byte("404 Not Found")) {
		// The checksum database does not know this version (a tag moved
		// after it was first fetched): the proxy still serves it, and
		// the eval reads its code, it does not build on it.
		mod, _, _ := strings.Cut(modVersion, "@")
		out, err = command(dir, []string{"GONOSUMDB=" + mod}, "go", "mod", "download", "-json", modVersion).Output()
	}
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %v\n%s", modVersion, err, out)
	}
	// The JSON has a "Dir" field; avoid a struct for one field.
	const key = `"Dir": "`
	i := bytes.Index(out, []byte(key))
	if i < 0 {
		return "", fmt.Errorf("go mod download %s: no Dir in %s", modVersion, out)
	}
	rest := out[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return "", fmt.Errorf("go mod download %s: bad output", modVersion)
	}
	return string(rest[:j]), nil
}

// runTool runs closewait -json on patterns from dir. The -json driver
// exits 0 with findings, 1 when a package fails to load (its output still
// lists what it analysed: loadErr), anything else is a failure.
func runTool(tool, dir string, patterns []string) (stdout, stderr []byte, loadErr bool, err error) {
	cmd := command(dir, []string{"GOFLAGS=-mod=readonly"}, tool, append([]string{"-json"}, patterns...)...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 && o.Len() > 0 {
		err = nil
		loadErr = true
	}
	if err == nil && strings.Contains(e.String(), "panic") {
		err = fmt.Errorf("the tool panicked")
	}
	return o.Bytes(), e.Bytes(), loadErr, err
}

func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
