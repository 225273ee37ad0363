// End-to-end tests of the editor and meta-linter integrations: they build
// golangci-lint with closewait's module plugin (build-golangci.sh) and a
// patched gopls (build-gopls.sh), then run them on testdata/e2e/gclmod.
//
// They download from the module proxy and take minutes on a cold cache,
// so they run only with CLOSEWAIT_GOLANGCI=1 (as .ci/run does). The
// binaries are cached under $CLOSEWAIT_E2E_CACHE (default: the user cache
// directory's closewait-e2e), keyed by a hash of the repository's Go
// sources and the build script: a rerun on unchanged sources skips the
// build.
package scripts_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const envVar = "CLOSEWAIT_GOLANGCI"

func requireE2E(t *testing.T) {
	t.Helper()
	if os.Getenv(envVar) != "1" {
		t.Skipf("set %s=1 to build golangci-lint and gopls with closewait and run them (minutes on a cold cache)", envVar)
	}
}

// repoRoot returns the repository's root: this test runs in scripts/.
func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// sourceKey hashes what a built binary depends on in this repository:
// go.mod, go.sum, the non-test Go files outside testdata, and the build
// script.
func sourceKey(t *testing.T, root, script string) string {
	h := sha256.New()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		isSource := strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
		if !isSource && name != "go.mod" && name != "go.sum" && path != script {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

// buildCached returns the binary that scripts/<script> builds, from the
// cache when the sources have not changed since it was built.
func buildCached(t *testing.T, script, name string) string {
	t.Helper()
	root := repoRoot(t)
	scriptPath := filepath.Join(root, "scripts", script)
	dir := os.Getenv("CLOSEWAIT_E2E_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "closewait-e2e")
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, name+"-"+sourceKey(t, root, scriptPath))
	if _, err := os.Stat(bin); err == nil {
		t.Logf("%s: reusing %s (sources unchanged)", script, bin)
		return bin
	}
	old, _ := filepath.Glob(filepath.Join(dir, name+"-*"))
	start := time.Now()
	cmd := exec.Command("bash", scriptPath, bin+".tmp")
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, out)
	}
	if err := os.Rename(bin+".tmp", bin); err != nil {
		t.Fatal(err)
	}
	for _, o := range old {
		os.Remove(o) // binaries of older sources
	}
	t.Logf("%s: built %s in %s", script, bin, time.Since(start).Round(100*time.Millisecond))
	return bin
}

// copyModule copies testdata/e2e/<name> into a new temporary directory.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join(repoRoot(t), "testdata", "e2e", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o777)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o666)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// run runs bin with args in dir and returns stdout, stderr and the exit
// code, logging how long it took.
func run(t *testing.T, dir string, env []string, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off", "GOFLAGS="), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s: %s", filepath.Base(bin), strings.Join(args, " "), time.Since(start).Round(10*time.Millisecond))
	var exit *exec.ExitError
	switch {
	case err == nil:
		return o.String(), e.String(), 0
	case errors.As(err, &exit):
		return o.String(), e.String(), exit.ExitCode()
	}
	t.Fatalf("%s: %v", bin, err)
	return "", "", 0
}

// The two findings in gclmod/server/server.go that golangci-lint
// reports; Quiet's is silenced by //nolint:closewait, Ignored's by
// //closewait:ignore.
const (
	fetchLeak = "server/server.go:19:3: conn c from netutil.Dial is not closed when netutil.ReadLine fails"
	sendLeak  = "server/server.go:27:12: connleak: conn c from net.Dial is never closed"
	quietLeak = "server/server.go:43:3: conn c from netutil.Dial is not closed"
)

// TestGolangci builds golangci-lint with the plugin and checks findings,
// //nolint, JSON output, the plugin's settings and --fix, with the
// repository's .golangci-plugin.yml.
func TestGolangci(t *testing.T) {
	requireE2E(t)
	bin := buildCached(t, "build-golangci.sh", "custom-gcl")
	cfg := filepath.Join(repoRoot(t), ".golangci-plugin.yml")
	env := []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}
	mod := copyModule(t, "gclmod")

	// Text output: both checks, facts across packages, no "related
	// information" issues, nolint and closewait:ignore honoured.
	stdout, stderr, code := run(t, mod, env, bin, "run", "-c", cfg, "./...")
	if code != 1 {
		t.Fatalf("custom-gcl run: exit %d, want 1 (issues)\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{fetchLeak, sendLeak} {
		if !strings.Contains(stdout, want) {
			t.Errorf("custom-gcl run: output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "related information") || strings.Contains(stdout, ":43:") || strings.Contains(stdout, ":57:") {
		t.Errorf("custom-gcl run: unexpected issues (related information, or suppressed lines 43 and 57):\n%s", stdout)
	}

	// JSON output.
	stdout, stderr, code = run(t, mod, env, bin, "run", "-c", cfg, "--output.json.path", "stdout", "--show-stats=false", "./...")
	if code != 1 {
		t.Fatalf("custom-gcl run (json): exit %d\n%s", code, stderr)
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
			SuggestedFixes []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("custom-gcl JSON output does not parse: %v\n%s", err, stdout)
	}
	var got []string
	for _, is := range report.Issues {
		got = append(got, fmt.Sprintf("%s %s:%d:%d fixes=%d", is.FromLinter, is.Pos.Filename, is.Pos.Line, is.Pos.Column, len(is.SuggestedFixes)))
	}
	for _, want := range []string{"closewait server/server.go:19:3 fixes=1", "closewait server/server.go:27:12 fixes=1"} {
		if !slices.Contains(got, want) {
			t.Errorf("JSON issues = %q, want one %q", got, want)
		}
	}

	// //nolint:closewait and //closewait:ignore are what silence Quiet and
	// Ignored: without them, they show.
	nolint := copyModule(t, "gclmod")
	srv := filepath.Join(nolint, "server", "server.go")
	src, err := os.ReadFile(srv)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("//nolint:closewait"), []byte("//"), 1)
	src = bytes.Replace(src, []byte("//closewait:ignore closewait"), []byte("//"), 1)
	if err := os.WriteFile(srv, src, 0o666); err != nil {
		t.Fatal(err)
	}
	stdout, _, _ = run(t, nolint, env, bin, "run", "-c", cfg, "./...")
	if !strings.Contains(stdout, quietLeak) || !strings.Contains(stdout, "server/server.go:57:3: conn c from netutil.Dial is not closed when netutil.ReadLine fails (line 55)") {
		t.Errorf("without //nolint:closewait and //closewait:ignore, Quiet's and Ignored's leaks should be reported:\n%s", stdout)
	}

	// Plugin settings.
	writeConfig := func(settings string) string {
		data, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.Replace(data, []byte("          disable: []\n"), []byte(settings), 1)
		p := filepath.Join(t.TempDir(), ".golangci.yml")
		if err := os.WriteFile(p, data, 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stdout, stderr, code = run(t, mod, env, bin, "run", "-c", writeConfig("          disable: [closewait]\n"), "./...")
	if code != 1 || !strings.Contains(stdout, sendLeak) || strings.Contains(stdout, fetchLeak) {
		t.Errorf("with disable: [closewait]: exit %d, want only connleak's finding:\n%s%s", code, stdout, stderr)
	}
	// Options set the checks' flags: httpbody's strict reports fetch.All,
	// which the default configuration does not.
	const strictFinding = "fetch/fetch.go:18:2: httpbody: the body of resp from http.Get is read to EOF but not closed"
	stdout, stderr, code = run(t, mod, env, bin, "run", "-c", writeConfig("          disable: []\n          options:\n            httpbody:\n              strict: true\n"), "./...")
	if code != 1 || !strings.Contains(stdout, strictFinding) {
		t.Errorf("with options httpbody strict: exit %d, want the finding %q:\n%s%s", code, strictFinding, stdout, stderr)
	}
	if stdout, _, _ := run(t, mod, env, bin, "run", "-c", cfg, "./..."); strings.Contains(stdout, "fetch/fetch.go") {
		t.Errorf("without options, fetch.All is reported:\n%s", stdout)
	}
	stdout, stderr, code = run(t, mod, env, bin, "run", "-c", writeConfig("          options:\n            httpbody:\n              strikt: true\n"), "./...")
	if code == 0 || code == 1 || !strings.Contains(stderr, `unknown option "strikt"`) {
		t.Errorf("with an unknown option: exit %d, want a configuration error naming it:\n%s%s", code, stdout, stderr)
	}
	stdout, stderr, code = run(t, mod, env, bin, "run", "-c", writeConfig("          disabled: [closewait]\n"), "./...")
	if code == 0 || code == 1 || !strings.Contains(stderr, `unknown field "disabled"`) {
		t.Errorf("with an unknown setting: exit %d, want a configuration error naming it:\n%s%s", code, stdout, stderr)
	}

	// VS Code (go.lintTool "golangci-lint-v2", go.lintOnSave "package",
	// go.lintFlags ["--config=..."]) runs the tool in the package's
	// directory with these flags and parses stdout with this expression
	// (vscode-go's goLint.ts and util.ts).
	vscodeLine := regexp.MustCompile(`^([^:]*: )?((.:)?[^:]*):(\d+)(:(\d+)?)?:(?:\w+:)? (.*)$`)
	stdout, stderr, code = run(t, filepath.Join(mod, "server"), env, bin, "run", "--config="+cfg,
		"--issues-exit-code=0", "--output.text.print-issued-lines=false", "--show-stats=false",
		"--output.text.path=stdout", "--path-mode=abs")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) < 2 {
		t.Errorf("as VS Code's lint tool: exit %d and %d lines, want 0 and the 2 findings:\n%s%s", code, len(lines), stdout, stderr)
	}
	for _, l := range lines {
		m := vscodeLine.FindStringSubmatch(l)
		if m == nil || !filepath.IsAbs(m[2]) || !strings.HasSuffix(m[2], filepath.Join("server", "server.go")) {
			t.Errorf("VS Code would not parse %q as an absolute file:line:col diagnostic", l)
		}
	}

	// --fix applies the suggested fixes; a second run is clean.
	if _, stderr, code := run(t, mod, env, bin, "run", "-c", cfg, "--fix", "./..."); code != 0 && code != 1 {
		t.Fatalf("custom-gcl run --fix: exit %d\n%s", code, stderr)
	}
	fixed, err := os.ReadFile(filepath.Join(mod, "server", "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	// Send never closes c: a defer after the error check. Fetch closes c
	// on its other path: a close before the leaking return, not a defer
	// that would close it twice.
	if n := bytes.Count(fixed, []byte("\tdefer c.Close()\n")); n != 1 {
		t.Errorf("--fix inserted %d defer c.Close(), want 1 (Send):\n%s", n, fixed)
	}
	if n := bytes.Count(fixed, []byte("\t\tc.Close()\n\t\treturn \"\", err\n")); n != 1 {
		t.Errorf("--fix inserted %d c.Close() before a return, want 1 (Fetch):\n%s", n, fixed)
	}
	stdout, stderr, _ = run(t, mod, env, bin, "run", "-c", cfg, "./...")
	if strings.Contains(stdout, "is not closed") || strings.Contains(stdout, "is never closed") {
		t.Errorf("after --fix, leaks remain:\n%s%s", stdout, stderr)
	}
}

// TestGopls builds gopls with closewait's checks and runs `gopls check`
// on a file whose finding depends on facts from another package.
func TestGopls(t *testing.T) {
	requireE2E(t)
	bin := buildCached(t, "build-gopls.sh", "gopls-closewait")
	mod := copyModule(t, "gclmod")
	env := []string{"GOPLSCACHE=" + t.TempDir()}
	stdout, stderr, code := run(t, mod, env, bin, "check", filepath.Join("server", "server.go"))
	if code != 0 {
		t.Fatalf("gopls check: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"server/server.go:19:3-17: conn c from netutil.Dial is not closed when netutil.ReadLine fails",
		"server/server.go:27:12-33: conn c from net.Dial is never closed",
		"server/server.go:13:24: - the conn is made (or handed over) here",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("gopls check output lacks %q:\n%s", want, stdout)
		}
	}
	// //closewait:ignore works in gopls; //nolint is golangci-lint's.
	if strings.Contains(stdout, "server.go:57:") {
		t.Errorf("gopls check reports a finding silenced by //closewait:ignore:\n%s", stdout)
	}
	if !strings.Contains(stdout, "server/server.go:43:3-17: conn c from netutil.Dial is not closed when netutil.ReadLine fails (line 41)") {
		t.Errorf("gopls check should report Quiet's leak (//nolint is for golangci-lint only):\n%s", stdout)
	}

	// The quick fix on Fetch's finding: c is closed on its other path, so
	// the fix closes it before the leaking return (no defer, no double
	// close), as the other drivers' fixes do.
	stdout, stderr, code = run(t, mod, env, bin, "codeaction", "-kind=quickfix", "-exec", "-diff", filepath.Join("server", "server.go")+":19:3-19:17")
	if code != 0 {
		t.Fatalf("gopls codeaction: exit %d\n%s%s", code, stdout, stderr)
	}
	// gopls's diff may show the return as kept or as removed and added.
	closed := strings.Contains(stdout, "+\t\tc.Close()\n \t\treturn \"\", err") ||
		strings.Contains(stdout, "+\t\tc.Close()\n+\t\treturn \"\", err")
	if !closed || strings.Contains(stdout, "defer") {
		t.Errorf("gopls quick fix should insert c.Close() before Fetch's return, and no defer:\n%s%s", stdout, stderr)
	}
}

// TestGolangciNolintAndLimits checks what README and docs/checks.md say
// golangci-lint supports: //nolint:closewait silences a finding of any
// check of the plugin (here connleak's), //nolint:connleak none (with
// golangci-lint's warning about an unknown linter); and the issues
// settings of .golangci-plugin.yml keep two findings on one line, which
// golangci-lint's defaults (uniq-by-line) cut to one.
func TestGolangciNolintAndLimits(t *testing.T) {
	requireE2E(t)
	bin := buildCached(t, "build-golangci.sh", "custom-gcl")
	cfg := filepath.Join(repoRoot(t), ".golangci-plugin.yml")
	env := []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}

	for _, tc := range []struct {
		directive string
		silenced  bool
	}{
		{"//nolint:closewait // connleak's finding, silenced through the plugin's name", true},
		{"//nolint:connleak // not a linter golangci-lint knows", false},
	} {
		mod := copyModule(t, "gclmod")
		srv := filepath.Join(mod, "server", "server.go")
		src, err := os.ReadFile(srv)
		if err != nil {
			t.Fatal(err)
		}
		src = bytes.Replace(src, []byte("c, err := net.Dial(\"tcp\", addr)\n"), []byte("c, err := net.Dial(\"tcp\", addr) "+tc.directive+"\n"), 1)
		if err := os.WriteFile(srv, src, 0o666); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, _ := run(t, mod, env, bin, "run", "-c", cfg, "./...")
		if reported := strings.Contains(stdout, "server/server.go:27:12: connleak:"); reported == tc.silenced {
			t.Errorf("%s: connleak's finding reported = %v, want %v:\n%s%s", tc.directive, reported, !tc.silenced, stdout, stderr)
		}
		if !tc.silenced && !strings.Contains(stderr, "Found unknown linters in //nolint directives: connleak") {
			t.Errorf("%s: no warning about the unknown linter:\n%s", tc.directive, stderr)
		}
	}

	// Two conns on one line: two findings, both kept by the config's
	// issues settings, one left by golangci-lint's defaults.
	mod := copyModule(t, "gclmod")
	two := "package server\n\nimport \"net\"\n\nfunc dial(addr string) net.Conn {\n\tc, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn nil\n\t}\n\treturn c\n}\n\n// Two leaks conns a and b, made on one line.\nfunc Two(x, y string) {\n\ta, b := dial(x), dial(y)\n\ta.Write(nil)\n\tb.Write(nil)\n}\n"
	if err := os.WriteFile(filepath.Join(mod, "server", "two.go"), []byte(two), 0o666); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, _ := run(t, mod, env, bin, "run", "-c", cfg, "./server/...")
	if n := strings.Count(stdout, "server/two.go:15:"); n != 2 {
		t.Errorf("with .golangci-plugin.yml: %d findings on two.go:15, want 2:\n%s%s", n, stdout, stderr)
	}
	plain, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defaults := filepath.Join(t.TempDir(), "defaults.yml")
	i := bytes.Index(plain, []byte("\nissues:"))
	j := bytes.Index(plain, []byte("\nlinters:"))
	if i < 0 || j < i {
		t.Fatalf(".golangci-plugin.yml has no issues block before linters")
	}
	if err := os.WriteFile(defaults, append(plain[:i+1:i+1], plain[j+1:]...), 0o666); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, _ = run(t, mod, env, bin, "run", "-c", defaults, "./server/...")
	if n := strings.Count(stdout, "server/two.go:15:"); n != 1 {
		t.Errorf("with golangci-lint's default issues settings: %d findings on two.go:15, want 1 (uniq-by-line), or the README's advice is moot:\n%s%s", n, stdout, stderr)
	}
}
