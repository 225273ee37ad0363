package conntrack_test

import (
	"fmt"
	"strings"
	"testing"
)

// A scalingShape generates a package whose size grows with n along one
// axis the core's cost depends on.
type scalingShape struct {
	name  string
	doc   string
	sizes []int
	gen   func(n int) string
}

// scalingShapes returns the axes of BenchmarkCoreScaling. The dataflow runs
// once per tracked conn over the blocks of its function, so every shape
// but "conns" should cost about the same per block at every size; "conns"
// grows blocks and conns together in one function, so its cost per
// block×conn should be flat instead.
func scalingShapes() []scalingShape {
	return []scalingShape{
		{"reads", "one conn, n read sites each with an error branch that returns", []int{100, 200, 400, 800, 1600}, genReads},
		{"branches", "one conn, n if/else diamonds, a read every 4th", []int{100, 200, 400, 800, 1600}, genBranches},
		{"loops", "one conn, n loop pairs (a loop nested in a loop) around a read", []int{100, 200, 400, 800, 1600}, genLoops},
		{"nesting", "one conn, n loops nested in each other around a read", []int{50, 100, 200, 400, 800}, genNesting},
		{"funcs", "n functions, each dialing, reading in a loop and closing", []int{100, 200, 400, 800, 1600}, genFuncs},
		{"conns", "n conns in one function, each dialed, checked and deferred closed", []int{25, 50, 100, 200, 400}, genConns},
	}
}

const scalingHeader = `package p

import "net"

var _ = net.Dial

`

// genReads: one conn, n read sites.
func genReads(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("func work(addr string, x int) error {\n\tc, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tbuf := make([]byte, 64)\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tif _, err := c.Read(buf); err != nil {\n\t\tif x == %d {\n\t\t\tc.Close()\n\t\t}\n\t\treturn err\n\t}\n", i)
	}
	sb.WriteString("\treturn c.Close()\n}\n")
	return sb.String()
}

// genBranches: one conn, n diamonds.
func genBranches(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("func work(addr string, x int) (int, error) {\n\tc, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\tdefer c.Close()\n\tbuf := make([]byte, 64)\n\tsum := 0\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tif x > %d {\n\t\tsum += %d\n\t} else {\n\t\tsum -= x\n\t}\n", i, i)
		if i%4 == 3 {
			sb.WriteString("\tif _, err := c.Read(buf); err != nil {\n\t\treturn sum, err\n\t}\n")
		}
	}
	sb.WriteString("\treturn sum, nil\n}\n")
	return sb.String()
}

// genLoops: one conn, n nested loop pairs in sequence.
func genLoops(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("func work(addr string, x int) error {\n\tc, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tbuf := make([]byte, 64)\n")
	for range n {
		sb.WriteString("\tfor i := 0; i < x; i++ {\n\t\tfor j := 0; j < i; j++ {\n\t\t\tif _, err := c.Read(buf); err != nil {\n\t\t\t\tbreak\n\t\t\t}\n\t\t}\n\t}\n")
	}
	sb.WriteString("\treturn c.Close()\n}\n")
	return sb.String()
}

// genNesting: one conn, n loops nested n deep.
func genNesting(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("func work(addr string, x int) error {\n\tc, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tbuf := make([]byte, 64)\n")
	for i := range n {
		fmt.Fprintf(&sb, "for i%d := 0; i%d < x; i%d++ {\n", i, i, i)
	}
	sb.WriteString("if _, err := c.Read(buf); err != nil {\nreturn err\n}\n")
	sb.WriteString(strings.Repeat("}\n", n))
	sb.WriteString("\treturn c.Close()\n}\n")
	return sb.String()
}

// genFuncs: n small functions.
func genFuncs(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	for i := range n {
		fmt.Fprintf(&sb, "func work%d(addr string) error {\n\tc, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tbuf := make([]byte, 64)\n\tfor {\n\t\tif _, err := c.Read(buf); err != nil {\n\t\t\treturn err\n\t\t}\n\t\tif buf[0] == %d {\n\t\t\tbreak\n\t\t}\n\t}\n\treturn c.Close()\n}\n\n", i, i%256)
	}
	return sb.String()
}

// genConns: n conns in one function.
func genConns(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("func work(addr string) error {\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tc%d, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer c%d.Close()\n", i, i)
	}
	sb.WriteString("\treturn nil\n}\n")
	return sb.String()
}

// BenchmarkCoreScaling measures the core (building SSA and the dataflow,
// as Analyzer.Run does) on generated packages of growing size. It reports
// the package's SSA blocks and the time per block; for "conns", divide
// again by n for the time per block and conn. Parsing and type-checking
// are outside the timer. BenchmarkSSAScaling measures building SSA alone
// on the same packages: the core's own work is the difference.
//
//	go test -run '^$' -bench 'CoreScaling|SSAScaling' ./passes/internal/conntrack
func BenchmarkCoreScaling(b *testing.B) {
	benchScaling(b, func(b *testing.B, p *checked) {
		res, _, err := p.analyze()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Skipped()) > 0 {
			b.Fatalf("skipped %s: %s", res.Skipped()[0].Func, res.Skipped()[0].Reason)
		}
	})
}

// BenchmarkSSAScaling measures building SSA, as the core does, on the
// packages of BenchmarkCoreScaling.
func BenchmarkSSAScaling(b *testing.B) {
	benchScaling(b, func(_ *testing.B, p *checked) { p.buildSSA() })
}

// benchScaling runs op on each shape and size.
func benchScaling(b *testing.B, op func(*testing.B, *checked)) {
	r := newCoreRunner()
	for _, sh := range scalingShapes() {
		for _, n := range sh.sizes {
			b.Run(fmt.Sprintf("%s/n=%d", sh.name, n), func(b *testing.B) {
				p, err := r.check("bench/"+sh.name, sh.gen(n))
				if err != nil {
					b.Fatal(err)
				}
				blocks := 0
				for _, k := range p.blocks() {
					blocks += k
				}
				b.ResetTimer()
				for b.Loop() {
					op(b, p)
				}
				b.ReportMetric(float64(blocks), "blocks")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(blocks), "ns/block")
			})
		}
	}
}

// TestScalingShapes runs the core once on the smallest package of each
// shape, so that the generators stay valid and the benchmark stays
// meaningful: every shape must be analysed, not skipped, and the shapes
// that leak must be reported.
func TestScalingShapes(t *testing.T) {
	r := newCoreRunner()
	// "reads" and "nesting" return on a read error without closing, as
	// does each of the 100 functions of "funcs"; the others close.
	wantFindings := map[string]int{"reads": 1, "branches": 0, "loops": 0, "nesting": 1, "funcs": 100, "conns": 0}
	for _, sh := range scalingShapes() {
		p, err := r.check("shape/"+sh.name, sh.gen(sh.sizes[0]))
		if err != nil {
			t.Fatalf("%s: %v", sh.name, err)
		}
		res, _, err := p.analyze()
		if err != nil {
			t.Fatalf("%s: %v", sh.name, err)
		}
		for _, s := range res.Skipped() {
			t.Errorf("%s: skipped %s: %s", sh.name, s.Func, s.Reason)
		}
		if got, want := len(res.Findings()), wantFindings[sh.name]; got != want {
			t.Errorf("%s: %d findings, want %d", sh.name, got, want)
		}
	}
}
