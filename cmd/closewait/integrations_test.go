package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/cmd/closewait/internal/sarif"
	"github.com/closewait/closewait/cmd/closewait/internal/sarifschema"
)

// e2eModule returns the path of a module under testdata/e2e.
func e2eModule(name string) string {
	return filepath.Join("..", "..", "testdata", "e2e", name)
}

// run runs name with args in dir, with a private build cache and no
// workspace, and returns its stdout, stderr and exit code.
func run(t *testing.T, dir, gocache, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+gocache, "GOFLAGS=", "GOWORK=off")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return o.String(), e.String(), code
}

// copyModule copies the module in src into a new temporary directory.
func copyModule(t *testing.T, src string) string {
	t.Helper()
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

// TestGoFix runs the real go fix with closewait as its fix tool: -diff
// previews the suggested fix, a run in a copy of the module applies it,
// after which go vet finds nothing; -closewait=false passes through to
// the tool and leaves nothing to fix.
func TestGoFix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool and runs go fix with a fresh cache (~20s)")
	}
	bin := buildTool(t)
	gocache := t.TempDir()
	mod := e2eModule("vetmod")

	stdout, stderr, code := run(t, mod, gocache, "go", "fix", "-fixtool="+bin, "-diff", "./...")
	// Fetch closes c through netutil.Close on its other path: the fix
	// closes it on the leaking path, not with a defer that would close
	// it twice.
	if code != 1 || !strings.Contains(stdout, "+\t\tc.Close()") || strings.Contains(stdout, "defer") || !strings.Contains(stdout, "server/server.go (new)") {
		t.Fatalf("go fix -diff: exit %d, want 1 and a diff adding c.Close() on the leaking path:\n%s\n%s", code, stdout, stderr)
	}
	stdout, _, code = run(t, mod, gocache, "go", "fix", "-fixtool="+bin, "-closewait=false", "-diff", "./...")
	if code != 0 || stdout != "" {
		t.Errorf("go fix -closewait=false -diff: exit %d, output %q; want no diff", code, stdout)
	}

	tmp := copyModule(t, mod)
	if _, stderr, code := run(t, tmp, gocache, "go", "fix", "-fixtool="+bin, "./..."); code != 0 {
		t.Fatalf("go fix: exit %d\n%s", code, stderr)
	}
	fixed, err := os.ReadFile(filepath.Join(tmp, "server", "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`line, err := netutil\.ReadLine\(c\)\n\tif err != nil {\n\t\tc\.Close\(\)\n\t\treturn "", err\n`).Match(fixed) {
		t.Errorf("go fix did not insert c.Close() before the leaking return:\n%s", fixed)
	}
	if _, stderr, code := run(t, tmp, gocache, "go", "vet", "-vettool="+bin, "./..."); code != 0 {
		t.Errorf("go vet after go fix: exit %d, want 0:\n%s", code, stderr)
	}
}

// TestGoVetAnalyzerFlag passes an analyzer flag through go vet, as
// -<check>.<flag>, on the go121 module: its leftover directive is
// reported only with -connleak.unused-ignores.
func TestGoVetAnalyzerFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool and runs go vet")
	}
	bin := buildTool(t)
	gocache := t.TempDir()
	mod := e2eModule("go121")
	const unused = "client/client.go:70:2: //closewait:ignore directive for connleak suppresses nothing"

	_, stderr, code := run(t, mod, gocache, "go", "vet", "-vettool="+bin, "./...")
	if code != 1 || strings.Contains(stderr, "suppresses nothing") {
		t.Errorf("go vet: exit %d, want 1 and no unused-directive report:\n%s", code, stderr)
	}
	_, stderr, code = run(t, mod, gocache, "go", "vet", "-vettool="+bin, "-connleak.unused-ignores", "./...")
	if code != 1 || !strings.Contains(stderr, unused) {
		t.Errorf("go vet -connleak.unused-ignores: exit %d, want the report %q:\n%s", code, unused, stderr)
	}
}

// TestGo121 analyses a module whose go.mod says go 1.21: closewait
// builds with Go 1.26 but analyses code of older language versions. It
// also checks, outside analysistest, that a //closewait:ignore directive
// and a generated file silence their findings.
func TestGo121(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := buildTool(t)
	gocache := t.TempDir()
	mod := e2eModule("go121")
	if v, _, _ := run(t, mod, gocache, "go", "list", "-m", "-f", "{{.GoVersion}}"); strings.TrimSpace(v) != "1.21" {
		t.Fatalf("testdata/e2e/go121 declares go %q, want 1.21", strings.TrimSpace(v))
	}
	_, stderr, code := run(t, mod, gocache, bin, "./...")
	if code != 3 {
		t.Fatalf("closewait: exit %d, want 3:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "client/client.go:44:3: conn c from net.Dial is not closed when bufio.NewReader(c).ReadString fails") {
		t.Errorf("closewait output lacks fetch's leak:\n%s", stderr)
	}
	// Probe's finding is suppressed by its directive; the generated
	// file's is skipped.
	for _, silenced := range []string{"client/client.go:57:", "zz_generated.go"} {
		if strings.Contains(stderr, silenced) {
			t.Errorf("closewait reports %s, which should be silent:\n%s", silenced, stderr)
		}
	}
}

// TestVersion checks `closewait version` and -V=full, which go vet and
// go fix use to key their caches: neither says "(devel)". Built as CI
// builds (GOFLAGS=-buildvcs=false), the version is the source version
// with an unknown commit; with -ldflags=-X main.commit=..., that commit.
// (The go vet and go fix tests check that the go command accepts the
// -V=full line.)
func TestVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	gocache := t.TempDir()
	for _, tc := range []struct {
		ldflags, version string
	}{
		{"", `v\d+\.\d+\.\d+-dev\+unknown`}, // buildTool's binary
		{"-X main.commit=0123456789abcdef0123", `v\d+\.\d+\.\d+-dev\+0123456789ab`},
	} {
		bin := buildTool(t)
		if tc.ldflags != "" {
			bin = filepath.Join(t.TempDir(), "closewait")
			cmd := exec.Command("go", "build", "-buildvcs=false", "-ldflags="+tc.ldflags, "-o", bin, ".")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go build: %v\n%s", err, out)
			}
		}
		out, _, code := run(t, ".", gocache, bin, "version")
		if code != 0 || !regexp.MustCompile(`^closewait `+tc.version+`\ngolang.org/x/tools v0\.\d+\.\d+\S*\nbuilt with go1\.\d+`).MatchString(out) {
			t.Errorf("ldflags %q: closewait version: exit %d, output:\n%s", tc.ldflags, code, out)
		}
		out, _, code = run(t, ".", gocache, bin, "-V=full")
		if code != 0 || !regexp.MustCompile(`^\S*closewait version `+tc.version+` buildID=[0-9a-f]{64}\n$`).MatchString(out) {
			t.Errorf("ldflags %q: closewait -V=full: exit %d, output %q", tc.ldflags, code, out)
		}
		if strings.Contains(out, "devel") {
			t.Errorf("ldflags %q: -V=full says devel: %q", tc.ldflags, out)
		}
	}
}

// TestSarif runs `closewait sarif` on the e2e modules and validates the
// logs against the SARIF 2.1.0 schema's constraints.
func TestSarif(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := buildTool(t)
	gocache := t.TempDir()

	out := filepath.Join(t.TempDir(), "vetmod.sarif")
	_, stderr, code := run(t, e2eModule("vetmod"), gocache, bin, "sarif", "-o", out, "./...")
	if code != 0 {
		t.Fatalf("closewait sarif: exit %d\n%s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if errs := sarif.Validate(data); len(errs) > 0 {
		t.Fatalf("invalid SARIF: %v", errors.Join(errs...))
	}
	if err := sarifschema.Validate(data); err != nil {
		t.Fatalf("invalid under the SARIF 2.1.0 schema: %v", err)
	}
	multitool(t, out)
	var log sarif.Log
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	run0 := log.Runs[0]
	// Built as CI builds (-buildvcs=false), the tool still has a version,
	// never "(devel)", and a semantic version.
	if d := run0.Tool.Driver; strings.Contains(d.Version, "devel") || !regexp.MustCompile(`^\d`).MatchString(d.Version) || d.SemanticVersion != d.Version {
		t.Errorf("tool version %q, semantic version %q", d.Version, d.SemanticVersion)
	}
	rules := run0.Tool.Driver.Rules
	if len(rules) != len(analyzer.Suite) {
		t.Errorf("%d rules, want one per analyzer (%d)", len(rules), len(analyzer.Suite))
	}
	for i, a := range analyzer.Suite {
		if i < len(rules) && (rules[i].ID != a.Name || rules[i].HelpURI != a.URL || rules[i].Help.Markdown == "") {
			t.Errorf("rule %d = %+v, want %s with its URL and help", i, rules[i], a.Name)
		}
	}
	// Only closewait and connleak findings are counted: other checks may
	// come to report on this module too.
	var leaks []sarif.Result
	for _, r := range run0.Results {
		if r.RuleID == "closewait" || r.RuleID == "connleak" {
			leaks = append(leaks, r)
		}
	}
	if len(leaks) != 1 {
		t.Fatalf("%d closewait/connleak results, want 1:\n%s", len(leaks), data)
	}
	r := leaks[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "closewait" || loc.ArtifactLocation.URI != "server/server.go" || loc.ArtifactLocation.URIBaseID != sarif.SrcRoot ||
		loc.Region.StartLine != 15 || loc.Region.StartColumn != 3 || loc.Region.EndLine != 15 || loc.Region.EndColumn != 17 {
		t.Errorf("result = %s at %+v %+v", r.RuleID, loc.ArtifactLocation, *loc.Region)
	}
	if len(r.RelatedLocations) != 2 || len(r.Fixes) != 1 || r.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent == nil {
		t.Errorf("result: %d related locations and %d fixes, want 2 and 1 inserting text", len(r.RelatedLocations), len(r.Fixes))
	}

	// Checks are chosen as with the other drivers; stdout is the default.
	stdout, stderr, code := run(t, e2eModule("go121"), gocache, bin, "sarif", "-connleak=false", "./...")
	if code != 0 {
		t.Fatalf("closewait sarif -connleak=false: exit %d\n%s", code, stderr)
	}
	if errs := sarif.Validate([]byte(stdout)); len(errs) > 0 {
		t.Fatalf("invalid SARIF: %v", errors.Join(errs...))
	}
	if err := sarifschema.Validate([]byte(stdout)); err != nil {
		t.Fatalf("invalid under the SARIF 2.1.0 schema: %v", err)
	}
	if strings.Contains(stdout, `"id": "connleak"`) || !strings.Contains(stdout, `"id": "closewait"`) {
		t.Errorf("-connleak=false: rules should omit connleak only")
	}

	// A load error is reported in the log and the exit code.
	stdout, _, code = run(t, e2eModule("go121"), gocache, bin, "sarif", "./nosuchpkg")
	if code != 1 || !strings.Contains(stdout, `"executionSuccessful": false`) {
		t.Errorf("closewait sarif ./nosuchpkg: exit %d, want 1 and a failed invocation in the log", code)
	}
}

// multitool runs the SARIF Multitool's validate (its rules beyond the
// schema: SARIF1xxx errors and SARIF2xxx warnings) on the log in path,
// when CLOSEWAIT_SARIF_MULTITOOL names its binary (the npm package
// @microsoft/sarif-multitool-linux ships one), and fails on any error
// or warning. Its notes (suggestions such as snippets, or rule ids of
// the form CS2001) are not failures.
func multitool(t *testing.T, path string) {
	t.Helper()
	bin := os.Getenv("CLOSEWAIT_SARIF_MULTITOOL")
	if bin == "" {
		t.Log("CLOSEWAIT_SARIF_MULTITOOL not set: SARIF Multitool rules not checked")
		return
	}
	cmd := exec.Command(bin, "validate", path, "--level", "Error", "Warning")
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("SARIF Multitool validate: %v\n%s", err, out)
	}
	if regexp.MustCompile(`(?m): (error|warning) SARIF\d+:`).Match(out) {
		t.Errorf("SARIF Multitool validate finds problems:\n%s", out)
	}
}
