// Command ssafloor is the floor of closewait's benchmark: the same driver
// as cmd/closewait (multichecker.Main from x/tools) running one analyzer,
// bench.Floor, that only requires buildssa. closewait aims to cost no
// more than ssafloor on any target.
package main

import (
	"github.com/closewait/closewait/bench"
	"golang.org/x/tools/go/analysis/multichecker"
)

func main() {
	multichecker.Main(bench.Floor)
}
