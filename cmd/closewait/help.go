package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/closewait/closewait/analyzer"
)

// subcommands are closewait's subcommands, in the order help lists them.
var subcommands = []string{"help", "sarif", "sockets", "version"}

const helpText = `closewait finds socket leaks in Go code: conns left open when a read fails
or hits EOF (the socket stays in CLOSE_WAIT), conns and response bodies not
closed on some path, abortive closes, reads without a deadline, reconnects
over an open conn, transports made per call.

Usage:

	closewait [flags] packages          run the checks (packages as for go build: ./...)
	closewait help                      this text
	closewait help <check>              a check's documentation and flags
	closewait sarif [flags] packages    the findings as a SARIF 2.1.0 log
	closewait sockets [-pid N] [-state S] [-json]
	                                    a process's TCP sockets by state (Linux)
	closewait version                   closewait's, x/tools' and Go's versions

	go vet -vettool=$(which closewait) ./...         as a vet tool (cached)
	go fix -fixtool=$(which closewait) -diff ./...   as a fix tool

Exit status: 0 no findings; 3 findings; 1 a package or analysis error
(each printed on one line); 2 bad usage. With -json: 0 unless errors.
closewait sarif exits 0 when the log is written, findings or not.

Examples:

	closewait ./...                          lint the module
	closewait -json ./... > findings.json    the findings as JSON
	closewait -fix ./...                     apply the suggested fixes (defer c.Close() ...)
	closewait -connleak=false ./...          all checks but connleak
	closewait -closewait -httpbody ./...     only those two
	closewait -httpbody.strict ./...         a check's option (closewait help httpbody)
	closewait -test=false ./...              skip _test.go files
	closewait sarif -o closewait.sarif ./... for GitHub code scanning
	closewait sockets -pid 1234 -state CLOSE_WAIT
	                                         the sockets a leak left behind, live

Flags:

	-json        emit JSON output
	-test        also analyze test files (default true)
	-fix, -diff  apply the suggested fixes; with -diff, print them instead
	-c N         print N lines of source context with each finding
	-<check>     run only the checks named (or -<check>=false to skip one)
	-<check>.<option>
	             a check's option: closewait help <check> lists them

Environment:

	GOGC=N                 the collector's target; unset, a run uses 150 (memory
	                       for speed; GOGC=100 is Go's default)
	CLOSEWAIT_STD=pkgs     also check these std packages (1: all of std)
	CLOSEWAIT_LOAD=full    parse every dependency whole (default: lean)

Suppress one finding with a comment on its line or the line above:

	//closewait:ignore <check> <reason>

Checks:

`

// helpMain implements `closewait help` with no argument: closewait's
// own subcommands, exit codes and examples, then the checks. `closewait
// help <check>` is multichecker's.
func helpMain(w io.Writer) int {
	fmt.Fprint(w, helpText)
	for _, a := range analyzer.Suite {
		title, _, _ := strings.Cut(a.Doc, "\n\n")
		fmt.Fprintf(w, "\t%-11s %s\n", a.Name, title)
	}
	fmt.Fprintln(w, "\nEach check's documentation: closewait help <check>, or docs/checks.md.")
	return 0
}

// typoMain reports arg, the first argument, as a misspelt subcommand
// when it is a bare word within two edits of one (sarfi, socket,
// verison) that names no file or directory here, and returns exit code
// 2. Other arguments are left alone (ok is false): a bare word may be a
// package pattern (std, net/http).
func typoMain(stderr io.Writer, arg string) (code int, ok bool) {
	if arg == "" || strings.ContainsAny(arg, "-./\\") {
		return 0, false
	}
	for _, c := range arg {
		if c < 'a' || c > 'z' {
			return 0, false
		}
	}
	if _, err := os.Stat(arg); err == nil {
		return 0, false
	}
	for _, sub := range subcommands {
		if sub != arg && editDistance(arg, sub) <= 2 {
			fmt.Fprintf(stderr, "closewait: unknown subcommand %q: did you mean %q? (closewait help lists the subcommands)\n", arg, sub)
			return 2, true
		}
	}
	return 0, false
}

// editDistance returns the Levenshtein distance between a and b, in
// bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
		}
		prev = cur
	}
	return prev[len(b)]
}
