//go:build !unix

// Command runbench needs the rusage of its children, which only unix
// systems provide.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "runbench: needs a unix system (it reads each child's rusage)")
	os.Exit(1)
}
