// Package intests tests that linger skips _test.go files by default.
package intests
