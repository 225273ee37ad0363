// Command mainpkg: returning from main.main ends the process, which
// closes every socket, so main is not reported.
package main

import (
	"io"
	"net"
	"os"
)

func main() {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if err != nil {
		return
	}
	io.Copy(os.Stdout, c) // ok: the process exits right after
}
