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
	// perValue: the biggest function tracks n values (one per source),
	// so the dataflow's cost grows with blocks times n, by design.
	perValue bool
}

// scalingShapes returns the axes of BenchmarkCoreScaling. The dataflow runs
// once per tracked value over the blocks of its function, so the shapes
// with one value per function should cost about the same per block at
// every size; the perValue shapes ("conns", and the ownership shapes:
// struct fields, containers, loop back-edges) grow blocks and tracked
// values together in one function, so their cost per block×value should
// be flat instead.
func scalingShapes() []scalingShape {
	return []scalingShape{
		{"reads", "one conn, n read sites each with an error branch that returns", []int{100, 200, 400, 800, 1600}, genReads, false},
		{"branches", "one conn, n if/else diamonds, a read every 4th", []int{100, 200, 400, 800, 1600}, genBranches, false},
		{"loops", "one conn, n loop pairs (a loop nested in a loop) around a read", []int{100, 200, 400, 800, 1600}, genLoops, false},
		{"nesting", "one conn, n loops nested in each other around a read", []int{50, 100, 200, 400, 800}, genNesting, false},
		{"funcs", "n functions, each dialing, reading in a loop and closing", []int{100, 200, 400, 800, 1600}, genFuncs, false},
		{"conns", "n conns in one function, each dialed, checked and deferred closed", []int{25, 50, 100, 200, 400}, genConns, true},
		{"fields", "a struct with n conn fields: a constructor dials each into its field, a Close method closes each", []int{25, 50, 100, 200, 400}, genFields, true},
		{"containers", "n conns dialed into a map field and a slice field, then taken out (and n/2 out of a channel field) and closed", []int{25, 50, 100, 200, 400}, genContainers, true},
		{"backedges", "n reconnect loops in one function: each closes the old conn and dials a new one on its back edge", []int{25, 50, 100, 200, 400}, genBackEdges, true},
	}
}

// genFields: a struct with n conn fields, filled by a constructor and
// closed by a method (the obligation moves into owning fields).
func genFields(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("type pool struct {\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tc%d net.Conn\n", i)
	}
	sb.WriteString("}\n\nfunc open(addr string) (*pool, error) {\n\tp := &pool{}\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tc%d, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\tp.Close()\n\t\treturn nil, err\n\t}\n\tp.c%d = c%d\n", i, i, i)
	}
	sb.WriteString("\treturn p, nil\n}\n\nfunc (p *pool) Close() {\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tif p.c%d != nil {\n\t\tp.c%d.Close()\n\t}\n", i, i)
	}
	sb.WriteString("}\n")
	return sb.String()
}

// genContainers: n conns stored into a map field and a slice field,
// then removed and closed (the obligation moves into containers and back).
func genContainers(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("type pool struct {\n\tbyID map[int]net.Conn\n\tall  []net.Conn\n\tidle chan net.Conn\n}\n\n")
	sb.WriteString("func (p *pool) fill(addr string) error {\n")
	for i := range n {
		fmt.Fprintf(&sb, "\tc%d, err := net.Dial(\"tcp\", addr)\n\tif err != nil {\n\t\treturn err\n\t}\n", i)
		if i%2 == 0 {
			fmt.Fprintf(&sb, "\tp.byID[%d] = c%d\n", i, i)
		} else {
			fmt.Fprintf(&sb, "\tp.all = append(p.all, c%d)\n", i)
		}
	}
	sb.WriteString("\treturn nil\n}\n\nfunc (p *pool) drain() {\n")
	for i := range n {
		if i%2 == 0 {
			fmt.Fprintf(&sb, "\tif c, ok := p.byID[%d]; ok {\n\t\tdelete(p.byID, %d)\n\t\tc.Close()\n\t}\n", i, i)
		} else {
			sb.WriteString("\tselect {\n\tcase c := <-p.idle:\n\t\tc.Close()\n\tdefault:\n\t}\n")
		}
	}
	sb.WriteString("\tfor len(p.all) > 0 {\n\t\tc := p.all[len(p.all)-1]\n\t\tp.all = p.all[:len(p.all)-1]\n\t\tc.Close()\n\t}\n}\n")
	return sb.String()
}

// genBackEdges: n reconnect loops in sequence; on each back edge the old
// conn is closed before the source runs again.
func genBackEdges(n int) string {
	var sb strings.Builder
	sb.WriteString(scalingHeader)
	sb.WriteString("func work(addr string, x int) error {\n\tvar c net.Conn\n\tvar err error\n\tbuf := make([]byte, 64)\n")
	for range n {
		sb.WriteString("\tfor i := 0; i < x; i++ {\n\t\tif c != nil {\n\t\t\tc.Close()\n\t\t}\n\t\tc, err = net.Dial(\"tcp\", addr)\n\t\tif err != nil {\n\t\t\treturn err\n\t\t}\n\t\tif _, err := c.Read(buf); err != nil {\n\t\t\tcontinue\n\t\t}\n\t}\n")
	}
	sb.WriteString("\tif c != nil {\n\t\treturn c.Close()\n\t}\n\treturn nil\n}\n")
	return sb.String()
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
// the package's SSA blocks, the tracked values of its biggest function
// and the time per block; for the perValue shapes, divide again by the
// values for the time per block and value. Parsing and type-checking
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
				values := 1
				if sh.perValue {
					values = n
				}
				b.ReportMetric(float64(blocks), "blocks")
				b.ReportMetric(float64(values), "values")
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
	// "fields", "containers" and "backedges" hand every conn to an owner
	// that closes it, or close it before the source runs again.
	wantFindings := map[string]int{"reads": 1, "branches": 0, "loops": 0, "nesting": 1, "funcs": 100, "conns": 0,
		"fields": 0, "containers": 0, "backedges": 0}
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
