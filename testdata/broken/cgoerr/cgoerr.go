// Package cgoerr uses a C function that its preamble does not declare.
package cgoerr

/*
static int answer(void) { return 42; }
*/
import "C"

// Question calls a C function that does not exist.
func Question() int {
	return int(C.question())
}
