package conntrack_test

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"
	"time"

	"github.com/closewait/closewait/passes/internal/conntrack"
)

// genDials returns a function named name that dials k conns, each
// checked and closed on one path only: 4k+1 blocks and k tracked conns,
// so blocks × (conns+1) is about 4k².
func genDials(name string, k int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "func %s(addr string, x int) error {\n", name)
	for i := range k {
		fmt.Fprintf(&sb, "\tc%d, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tif x == %d {\n\t\tc%d.Close()\n\t}\n", i, i, i)
	}
	sb.WriteString("\treturn nil\n}\n")
	return sb.String()
}

// TestBudget checks the per-function budget against the real constant:
// a giant function whose blocks × (conns+1) exceeds conntrack's maxWork is
// skipped quickly and recorded in Result.Skipped, a function just under
// the budget is analysed in full, and a small leaky function of the same
// package is still reported.
func TestBudget(t *testing.T) {
	// The smallest k with (4k+1)(k+1) > MaxWork, checked below on the
	// real block count.
	over := 1
	for (4*over+1)*(over+1) <= conntrack.MaxWork {
		over++
	}
	under := over * 9 / 10
	src := "package p\n\nimport \"net\"\n\n" + genDials("giant", over) + "\n" + genDials("large", under) + `
func small(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := c.Read(nil); err != nil {
		return err // the leak that must still be reported
	}
	return c.Close()
}
`
	p, err := newCoreRunner().check("budget/p", src)
	if err != nil {
		t.Fatal(err)
	}
	blocks := p.blocks()
	if work := blocks["giant"] * (over + 1); work <= conntrack.MaxWork {
		t.Fatalf("giant: %d blocks × %d = %d, want more than the budget %d", blocks["giant"], over+1, work, conntrack.MaxWork)
	}
	if work := blocks["large"] * (under + 1); work > conntrack.MaxWork {
		t.Fatalf("large: %d blocks × %d = %d, want at most the budget %d", blocks["large"], under+1, work, conntrack.MaxWork)
	}

	type outcome struct {
		res *conntrack.Result
		err error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		res, _, err := p.analyze()
		done <- outcome{res, err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the core did not finish within 2 minutes")
	}
	if o.err != nil {
		t.Fatal(o.err)
	}
	t.Logf("giant: %d conns, %d blocks; large: %d conns, %d blocks; analysed in %v",
		over, blocks["giant"], under, blocks["large"], time.Since(start).Round(time.Millisecond))

	var skipped []string
	for _, s := range o.res.Skipped() {
		skipped = append(skipped, s.Func)
		if s.Func == "budget/p.giant" && !strings.Contains(s.Reason, "budget") {
			t.Errorf("giant skipped for %q, want the budget", s.Reason)
		}
	}
	if len(skipped) != 1 || skipped[0] != "budget/p.giant" {
		t.Errorf("skipped %q, want exactly [budget/p.giant]", skipped)
	}
	// large and giant close on one path only: large has a finding per
	// conn; giant, skipped, has none; small has its read failure.
	byFunc := make(map[string]int)
	for _, f := range o.res.Findings() {
		for _, d := range p.files[0].Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= f.Pos && f.Pos < fd.End() {
				byFunc[fd.Name.Name]++
			}
		}
	}
	if byFunc["giant"] != 0 || byFunc["large"] != under || byFunc["small"] != 1 {
		t.Errorf("findings by function = %v, want giant 0, large %d, small 1", byFunc, under)
	}
}
