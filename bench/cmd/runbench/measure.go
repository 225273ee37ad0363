//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// sample is one measured run of a tool.
type sample struct {
	wall   time.Duration
	cpu    time.Duration // user + sys, the child and the children it waited for (go list)
	maxRSS int64         // bytes: the largest resident set of the child or of any child it waited for
	code   int           // exit status
	stdout []byte
	stderr []byte
}

// measure runs the tool with args in the targets module, in t's
// environment, and returns its resource usage from the rusage of its
// wait4.
func (e *env) measure(t target, tool string, args ...string) (sample, error) {
	cmd := exec.Command(e.tool(tool), args...)
	cmd.Dir = e.targets
	cmd.Env = append(slices.Clone(e.vars), t.env...)
	var o, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &errOut
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start), stdout: o.Bytes(), stderr: errOut.Bytes()}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			return s, fmt.Errorf("%s %s: %v", tool, strings.Join(args, " "), err)
		}
	}
	s.code = cmd.ProcessState.ExitCode()
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return s, fmt.Errorf("no rusage for %s", tool)
	}
	s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	s.maxRSS = ru.Maxrss
	if runtime.GOOS != "darwin" {
		s.maxRSS *= 1024 // Linux and the BSDs report kilobytes; macOS, bytes
	}
	return s, nil
}

// tail returns the last lines of b, for error messages.
func tail(b []byte, lines int) string {
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// median returns the median of xs (the mean of the middle two for an even
// count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// ratioCell formats the median ratio and its range.
func ratioCell(rs []float64) string {
	return fmt.Sprintf("**%.2f** (%.2f–%.2f)", median(rs), slices.Min(rs), slices.Max(rs))
}

func seconds(d float64) string { return fmt.Sprintf("%.1f s", d) }

func mib(b float64) string { return fmt.Sprintf("%.0f MiB", b/(1<<20)) }
