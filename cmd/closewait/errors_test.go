package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// errmod is a module with one package that does not type-check, and one
// with a leak and an in-package test, so that the package and its test
// variant both report the leak.
var errmod = map[string]string{
	"go.mod": "module errmod\n\ngo 1.26\n",
	"te/te.go": `package te

import "net"

func F() error { _, _ = net.Dial("tcp", ""); return "s" }
`,
	"leak/leak.go": `package leak

import "net"

func F(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	_, err = c.Write([]byte("x"))
	return err
}
`,
	"leak/leak_test.go": "package leak\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { _ = F }\n",
}

// writeModule writes files into a new temporary directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestErrorOutput checks the exact output of each error a user meets
// first: one line each, no "failed prerequisites" naming the internal
// analyzer, the same in text, -json and SARIF.
func TestErrorOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := buildTool(t)
	gocache := t.TempDir()
	dir := writeModule(t, errmod)
	typeErr := filepath.Join(dir, "te", "te.go") + `:5:53: cannot use "s" (constant of type string) as error value in return statement: string does not implement error (missing method Error)` + "\n"

	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
		code   int
	}{
		{"type error", []string{"./te"}, typeErr, 1},
		{"type error, -json", []string{"-json", "./te"}, typeErr, 1},
		{"missing directory", []string{"./nosuch"}, "closewait: stat " + filepath.Join(dir, "nosuch") + ": directory not found\n", 1},
		{"missing package", []string{"example.com/nosuch"}, "closewait: no required module provides package example.com/nosuch; to add it: go get example.com/nosuch\n", 1},
		{"bad pattern", []string{"[bad"}, `closewait: malformed import path "[bad": invalid char '['` + "\n", 1},
		{"subcommand typo", []string{"sarfi", "./..."}, `closewait: unknown subcommand "sarfi": did you mean "sarif"? (closewait help lists the subcommands)` + "\n", 2},
		{"subcommand typo 2", []string{"socket"}, `closewait: unknown subcommand "socket": did you mean "sockets"? (closewait help lists the subcommands)` + "\n", 2},
		{"unknown flag", []string{"-nosuch", "./..."}, "closewait: flag provided but not defined: -nosuch (closewait help lists the flags)\n", 2},
		{"sarif, type error", []string{"sarif", "-o", filepath.Join(t.TempDir(), "log.sarif"), "./te"}, typeErr, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, dir, gocache, bin, tc.args...)
			if stderr != tc.stderr || code != tc.code {
				t.Errorf("closewait %s: exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", strings.Join(tc.args, " "), code, stderr, tc.code, tc.stderr)
			}
			if tc.args[0] == "-json" {
				want := `{"errmod/te":{"closewait":{"error":"not analysed: ` + strings.ReplaceAll(strings.TrimSpace(typeErr), `"`, `\"`) + `"}}}`
				if got := compactJSON(t, stdout); got != want {
					t.Errorf("-json output:\n%s\nwant:\n%s", got, want)
				}
			}
		})
	}

	// SARIF: the same line in the log, once, as the failed invocation's
	// notification.
	stdout, _, _ := run(t, dir, gocache, bin, "sarif", "./te")
	if strings.Count(stdout, strings.TrimSpace(strings.ReplaceAll(typeErr, `"`, `\"`))) != 1 || strings.Contains(stdout, "prerequisites") {
		t.Errorf("closewait sarif ./te: want the type error once and no cascade:\n%s", stdout)
	}
}

// TestJSONOnce checks that -json lists a finding once although the
// package and its test variant both report it.
func TestJSONOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := buildTool(t)
	dir := writeModule(t, errmod)
	stdout, stderr, code := run(t, dir, t.TempDir(), bin, "-json", "./leak")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var tree map[string]map[string][]struct {
		Posn string `json:"posn"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	var posns []string
	for _, byAnalyzer := range tree {
		for _, diags := range byAnalyzer {
			for _, d := range diags {
				posns = append(posns, d.Posn)
			}
		}
	}
	if want := filepath.Join(dir, "leak", "leak.go") + ":6:12"; len(posns) != 1 || posns[0] != want {
		t.Errorf("-json findings at %v, want once at %s:\n%s", posns, want, stdout)
	}
}

// TestHelp checks that `closewait help` is closewait's own: the
// subcommands, exit codes and socket examples, and every check; and
// that `closewait help <check>` still prints the check's doc.
func TestHelp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := buildTool(t)
	stdout, _, code := run(t, ".", t.TempDir(), bin, "help")
	if code != 0 {
		t.Errorf("closewait help: exit %d", code)
	}
	for _, want := range []string{
		"closewait help <check>", "closewait sarif [flags] packages", "closewait sockets [-pid N]", "closewait version",
		"Exit status: 0 no findings; 3 findings; 1 a package or analysis error", "2 bad usage",
		"-state CLOSE_WAIT", "go vet -vettool=$(which closewait)", "//closewait:ignore <check> <reason>",
		"\tconnleak    report conns not closed on some path",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("closewait help lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, code = run(t, ".", t.TempDir(), bin, "help", "linger")
	if code != 0 || !regexp.MustCompile(`(?s)linger: .*SetLinger`).MatchString(stdout) {
		t.Errorf("closewait help linger: exit %d:\n%s", code, stdout)
	}
}

// compactJSON returns s, JSON, without insignificant space.
func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFixThenClean applies the fixes with the standalone -fix on a copy
// of a module whose package and test variant both offer the same fix,
// then re-runs the suite: it finds nothing.
func TestFixThenClean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := buildTool(t)
	gocache := t.TempDir()
	dir := writeModule(t, errmod)
	if _, stderr, code := run(t, dir, gocache, bin, "-fix", "./leak"); code != 0 {
		t.Fatalf("closewait -fix: exit %d\n%s", code, stderr)
	}
	fixed, err := os.ReadFile(filepath.Join(dir, "leak", "leak.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(fixed), "defer c.Close()") != 1 {
		t.Errorf("want defer c.Close() inserted once:\n%s", fixed)
	}
	if _, stderr, code := run(t, dir, gocache, bin, "./leak"); code != 0 {
		t.Errorf("closewait after -fix: exit %d, want 0:\n%s", code, stderr)
	}
}

// TestSuppressionRoutes checks //closewait:ignore in the standalone
// command, go vet and go fix: the finding is gone, nothing is left to
// fix; and that a directive written with a space after // suppresses
// nothing and gets its hint.
func TestSuppressionRoutes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool and runs go vet and go fix")
	}
	bin := buildTool(t)
	gocache := t.TempDir()
	const dial = "\tc, err := net.Dial(\"tcp\", addr)\n"
	withDirective := func(directive string) string {
		files := make(map[string]string)
		for k, v := range errmod {
			files[k] = v
		}
		files["leak/leak.go"] = strings.Replace(files["leak/leak.go"], dial, "\t"+directive+"\n"+dial, 1)
		return writeModule(t, files)
	}

	dir := withDirective("//closewait:ignore connleak the pool closes c")
	for _, args := range [][]string{
		{bin, "./leak"},
		{"go", "vet", "-vettool=" + bin, "./leak"},
		{"go", "fix", "-fixtool=" + bin, "-diff", "./leak"},
	} {
		stdout, stderr, code := run(t, dir, gocache, args[0], args[1:]...)
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("%s: exit %d, output %q %q; want nothing (the finding is suppressed)", strings.Join(args, " "), code, stdout, stderr)
		}
	}

	dir = withDirective("// closewait:ignore connleak the pool closes c")
	_, stderr, code := run(t, dir, gocache, bin, "./leak")
	if code != 3 || !strings.Contains(stderr, "leak.go:6:2: this comment is not a directive and suppresses nothing: write //closewait:ignore with no space after //") ||
		!strings.Contains(stderr, "leak.go:7:12: conn c from net.Dial is never closed") {
		t.Errorf("a directive with a space: exit %d, want 3, its hint and the finding:\n%s", code, stderr)
	}
}
