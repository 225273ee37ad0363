// Package intests tests that deadline skips _test.go files by default.
package intests
