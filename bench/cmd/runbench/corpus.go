//go:build unix

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Corpus modes of the -corpus flag.
const (
	corpusFull  = "full"  // every corpus module and every fixed leak
	corpusShort = "short" // the -short subset, what CI runs
	corpusOff   = "off"   // no corpus phase
)

// corpusArgs returns the eval/cmd/corpus arguments of a -corpus mode,
// and whether the phase runs at all.
func corpusArgs(mode string) (args []string, run bool, err error) {
	switch mode {
	case corpusFull:
		return nil, true, nil
	case corpusShort:
		return []string{"-short"}, true, nil
	case corpusOff:
		return nil, false, nil
	}
	return nil, false, fmt.Errorf("-corpus %q: want %s, %s or %s", mode, corpusFull, corpusShort, corpusOff)
}

// corpusPhase runs the real-code corpus (eval/cmd/corpus: precision on
// triaged findings, lost recall, the leaks fixed upstream) with the
// closewait binary runbench built, and appends its report to w under a
// heading of its own. The corpus command is built and run as a separate
// process: it lives in eval/, beside bench/ on the same floor, and its
// packages are internal to eval/. It returns an error if the corpus run
// fails its checks (an untriaged finding, a lost real finding, a fixed
// leak no longer flagged, a tool error).
func corpusPhase(w *bytes.Buffer, e *env, mode string) error {
	args, ok, err := corpusArgs(mode)
	if err != nil || !ok {
		return err
	}
	bin := e.tool("corpus")
	progress("building ./eval/cmd/corpus")
	if err := e.goCmd(e.root, "build", "-o", bin, "./eval/cmd/corpus"); err != nil {
		return err
	}
	report := filepath.Join(e.bin, "corpus.md")
	shown := "go run ./eval/cmd/corpus " + strings.Join(args, " ")
	args = append(args, "-tool", e.tool("closewait"), "-o", report)
	progress("corpus (%s): %s", mode, shown)
	start := time.Now()
	cmd := exec.Command(bin, args...)
	cmd.Dir = e.root
	// Not e.vars: the fixed-leak checks make throwaway modules whose
	// go.sum the corpus command fills (-mod=mod), which -mod=readonly
	// would forbid.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	cmd.Stderr = os.Stderr // its progress lines
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	runErr := cmd.Run()
	elapsed := time.Since(start).Round(time.Second)

	fmt.Fprintf(w, "## Precision on real code (eval/cmd/corpus, %s)\n\n", mode)
	fmt.Fprintf(w, "- `%s`, with the closewait built above; took %s\n\n", strings.TrimSpace(shown), elapsed)
	body, readErr := os.ReadFile(report)
	if readErr != nil {
		body = stdout.Bytes() // it failed before writing the file
	}
	w.Write(bytes.TrimLeft(demoteHeadings(body), "\n"))
	w.WriteString("\n")
	if runErr != nil {
		return fmt.Errorf("corpus (%s): %v (its report says why)", mode, runErr)
	}
	return nil
}

// demoteHeadings moves every Markdown heading of a report one level
// down, so that a report with its own title nests under ours; its first
// heading, the report's title, is dropped.
func demoteHeadings(md []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(md))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if first && strings.HasPrefix(line, "# ") {
				first = false
				continue
			}
			first = false
			line = "#" + line
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
