package fileset

// register keeps its argument; b.go names nothing of net/http.
func register(x any) { registry = append(registry, x) }

var registry []any

func keep() { register(shared) }

func setup() { configure(srv) }
