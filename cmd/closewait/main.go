// Command closewait runs the closewait analyzers: standalone
// (closewait ./...), as a vet tool (go vet -vettool=$(which closewait)),
// or as a fix tool (go fix -fixtool=$(which closewait)).
//
// Subcommands, given as the first argument:
//
//	closewait version              the module and golang.org/x/tools versions
//	closewait sarif [flags] pkgs   the findings as SARIF 2.1.0, one rule per check
//	closewait sockets [-pid N] [-state S] [-json]
//	                               a process's TCP sockets by state (Linux)
//	closewait help [check]         the checks' documentation (multichecker)
//
// A plain run (closewait [-json] [flags] packages) is served by
// closewait's own driver (standalone.go): the same output and exit codes
// as multichecker, but each error once on one line and each finding once.
// closewait's own code answers `closewait help` and -V=full (version.go).
// Anything else (-fix, -diff, -c, help <check>, and the go vet and go fix
// protocol: -flags and a .cfg file) is handed to multichecker.
package main

import (
	"os"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/sockstate/sockcmd"
	"golang.org/x/tools/go/analysis/multichecker"
)

func main() {
	// Subcommands. Each returns the exit code; "help" belongs to
	// multichecker.
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "version":
			os.Exit(versionMain(os.Stdout, os.Args[2:]))
		case "-V=full", "--V=full":
			os.Exit(fullVersionMain(os.Stdout, os.Stderr))
		case "sarif":
			os.Exit(sarifMain(os.Stdout, os.Stderr, os.Args[2:]))
		case "sockets":
			os.Exit(sockcmd.Main(os.Args[2:], os.Stdout, os.Stderr))
		case "help":
			if len(os.Args) == 2 {
				os.Exit(helpMain(os.Stdout))
			}
		}
		if code, ok := typoMain(os.Stderr, os.Args[1]); ok {
			os.Exit(code)
		}
	}
	if standalone(os.Args[1:]) {
		os.Exit(standaloneMain(os.Stdout, os.Stderr, os.Args[1:]))
	}
	multichecker.Main(analyzer.Suite...)
}
