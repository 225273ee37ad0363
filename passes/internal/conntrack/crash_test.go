package conntrack_test

import "testing"

// TestNoInternalError runs the core on shapes that once made it recover
// from a panic (and skip the function): each must be analysed.
func TestNoInternalError(t *testing.T) {
	shapes := map[string]string{
		// grpc's priority balancer: a map lookup by a call's result, and
		// a delete by a variable; comparing the keys dereferenced a nil
		// call.
		"lookupbycall": `package p

import "net"

type pool struct{ conns map[string]net.Conn }

func key(s string) string { return s }

func (p *pool) evict(a, b string) {
	c, ok := p.conns[key(a)]
	if !ok {
		return
	}
	delete(p.conns, b)
	_ = c
}
`,
	}
	r := newCoreRunner()
	for name, src := range shapes {
		p, err := r.check("crash/"+name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		analyzeWithin(t, p, src)
	}
}
