// Package knowledge holds everything closewait knows about code it does not
// analyse: what the standard library and a few well-known modules do with
// conns, response bodies, socket dups and listeners, which calls never
// return, and the names of the packages and types the checks look for.
//
// The analysis framework warns that facts may be missing for standard
// packages, so this knowledge is data, keyed by the qualified name that
// types.Func.FullName prints. It is the only place in closewait that names
// a library: the core and the passes ask it, and hard-code no package path
// or function name of their own.
//
// Every table is read-only after package initialisation; the lookups are
// safe for concurrent use by analyzers running in parallel.
package knowledge
