// Package testutil holds what the passes' tests share.
package testutil

import (
	"path/filepath"
	"runtime"
)

// TestData returns the absolute path of the repository's top-level
// testdata directory, whatever the test's package directory.
func TestData() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("testutil: cannot locate source file")
	}
	// file is .../passes/internal/testutil/testutil.go
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata")
}
