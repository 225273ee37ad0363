// Package intests tests that httpclient skips _test.go files by default.
package intests
