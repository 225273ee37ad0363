// Package testsflag tests httpclient -tests: test files are checked, but
// Test, Benchmark, Example and Fuzz functions run once, like main, and so
// do the closures inside them; helpers and handlers run per call.
package testsflag
