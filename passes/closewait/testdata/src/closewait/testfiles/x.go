// Package testfiles tests how test files are treated.
package testfiles
