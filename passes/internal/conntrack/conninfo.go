package conntrack

// This file records, for the checks that need more than leaks (deadline,
// httpbody's drain rule, deferloop), what the core learnt about each conn a
// function owns.

// describe records r in the package's list of owned conns.
func (c *checker) describe(r *resource, o ownership) {
	if r.taken {
		return // made elsewhere: what the checks ask of a conn was asked where it was made
	}
	cn := ConnInfo{
		Resource:  r.res,
		Sock:      r.sock,
		Closes:    r.closes(),
		Name:      r.name,
		From:      r.provenance(),
		Accepted:  r.accept || (o.goroutine && o.accepted),
		Goroutine: o.goroutine,
		Deadline:  r.counts[evDeadline] > 0 || o.deadline,
		Escapes:   r.escapes(),
	}
	if r.kind == rootSource {
		cn.Pos, cn.Origin = r.call.Pos(), r.origin
	} else {
		cn.Pos = r.value.Pos()
	}
	for _, instr := range r.order {
		for _, ev := range r.events[instr] {
			if (ev.kind == evRead || ev.kind == evDrain) && ev.read != nil &&
				(!cn.FirstRead.IsValid() || ev.read.pos < cn.FirstRead) {
				cn.FirstRead, cn.Read = ev.read.pos, ev.read.name
			}
		}
	}
	if cn.Pos.IsValid() {
		c.conns = append(c.conns, cn)
	}
}
