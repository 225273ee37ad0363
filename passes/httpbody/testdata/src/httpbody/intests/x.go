// Package intests tests httpbody in test files.
package intests
