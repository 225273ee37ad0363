// Package sockcmd implements the "closewait sockets" subcommand, which lists
// TCP sockets and their states from /proc, like ss -tan, so that a leak
// the linter predicts can be seen on a running process:
//
//	closewait sockets -pid 1234 -state CLOSE_WAIT
//
// It works on Linux only (see package sockstate).
package sockcmd

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/closewait/closewait/sockstate"
)

// Exit codes of Main.
const (
	ExitOK    = 0 // the sockets were listed (maybe none)
	ExitError = 1 // the sockets could not be read or written
	ExitUsage = 2 // bad flags or arguments
)

// name is the command line that runs Main, for messages.
const name = "closewait sockets"

// usage is printed by -h and after a usage error.
const usage = `usage: closewait sockets [-pid N] [-state STATE[,STATE...]] [-json]

List TCP sockets (IPv4 and IPv6) and their states, read from /proc (Linux).
Without -pid, list every TCP socket of this network namespace, including
TIME_WAIT sockets, which belong to no process. With -pid, list only the
sockets process N holds open: a socket it leaked after the peer hung up is
in CLOSE_WAIT.

The table has the columns STATE, LOCAL, REMOTE and INODE, sorted by state,
then local and remote address; -json prints the same rows as a JSON array.

Flags:
`

// Main runs "closewait sockets" with args, the arguments after the
// subcommand name, writing the listing to stdout and diagnostics to stderr.
// It returns the process exit code: [ExitOK], [ExitError] or [ExitUsage].
func Main(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(stderr)
	pid := flags.Int("pid", 0, "list only the sockets process `N` holds (default: all sockets of the network namespace)")
	var states stateFilter
	flags.Var(&states, "state", "list only sockets in `STATE`: a name such as CLOSE_WAIT or FIN_WAIT2; comma-separated, repeatable")
	asJSON := flags.Bool("json", false, "print a JSON array instead of a table")
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), usage)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage // the flag package has printed the error and usage
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", name, flags.Arg(0))
		flags.Usage()
		return ExitUsage
	}
	if *pid < 0 {
		fmt.Fprintf(stderr, "%s: invalid -pid %d\n", name, *pid)
		return ExitUsage
	}

	var socks []sockstate.Socket
	var err error
	if *pid == 0 {
		socks, err = sockstate.All()
	} else {
		socks, err = sockstate.Sockets(*pid)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return ExitError
	}
	if len(states) > 0 {
		socks = slices.DeleteFunc(socks, func(s sockstate.Socket) bool { return !slices.Contains(states, s.State) })
	}
	// Sockets and All sort already; sort again so that the output order
	// does not depend on that.
	slices.SortFunc(socks, sockstate.Compare)

	if *asJSON {
		err = writeJSON(stdout, socks)
	} else {
		err = writeTable(stdout, socks)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return ExitError
	}
	return ExitOK
}

// writeTable prints socks as an aligned table with a header line.
func writeTable(w io.Writer, socks []sockstate.Socket) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tLOCAL\tREMOTE\tINODE")
	for _, s := range socks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", s.State, s.Local, s.Remote, s.Inode)
	}
	return tw.Flush()
}

// writeJSON prints socks as an indented JSON array ("[]" when empty).
func writeJSON(w io.Writer, socks []sockstate.Socket) error {
	if socks == nil {
		socks = []sockstate.Socket{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(socks)
}

// stateFilter is the value of the -state flag: the states to list.
type stateFilter []sockstate.State

// String returns the states, comma-separated.
func (f *stateFilter) String() string {
	names := make([]string, len(*f))
	for i, s := range *f {
		names[i] = s.String()
	}
	return strings.Join(names, ",")
}

// Set adds the comma-separated states of value.
func (f *stateFilter) Set(value string) error {
	for part := range strings.SplitSeq(value, ",") {
		s, err := sockstate.ParseState(part)
		if err != nil {
			return errors.New(strings.TrimPrefix(err.Error(), "sockstate: "))
		}
		if !slices.Contains(*f, s) {
			*f = append(*f, s)
		}
	}
	return nil
}
