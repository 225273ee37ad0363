package main

// Files derived from analyzer.Suite: the checks' documentation, and the
// check names //closewait:ignore accepts. Tests fail when either is stale.
//go:generate go run ./internal/gen -docs ../../docs/checks.md -checks ../../passes/internal/report/checks.go
