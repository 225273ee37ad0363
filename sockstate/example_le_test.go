// The kernel prints addresses in the machine's byte order; this table was
// written on a little-endian machine (127.0.0.1 is 0100007F), so the
// example runs on little-endian architectures only.

//go:build 386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64 || wasm

package sockstate_test

import (
	"fmt"
	"strings"

	"github.com/closewait/closewait/sockstate"
)

// Parse decodes the kernel's socket table; here a listener on
// 127.0.0.1:8080 and a connection to it that the peer has closed.
func ExampleParse() {
	const table = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5711 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 08 00000000:00000001 00:00000000 00000000  1000        0 5718 1 0000000000000000 20 4 0 10 -1
`
	socks, err := sockstate.Parse(strings.NewReader(table))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range socks {
		fmt.Println(s)
	}
	// Output:
	// LISTEN 127.0.0.1:8080 -> 0.0.0.0:0 inode 5711
	// CLOSE_WAIT 127.0.0.1:8080 -> 127.0.0.1:50000 inode 5718
}
