package sockstate_test

import (
	"net"
	"testing"

	"github.com/closewait/closewait/sockstate"
)

// A test of a server checks that it closes the connections its clients
// hang up, and that it leaves no connection open.
func ExampleVerifyNoCloseWait() {
	var t testing.TB // in a test: func TestServer(t *testing.T)

	snap := sockstate.Snapshot(t)
	defer snap.VerifyNoNew(t)
	defer sockstate.VerifyNoCloseWait(t)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// ... serve ln, dial it, hang up ...
}
