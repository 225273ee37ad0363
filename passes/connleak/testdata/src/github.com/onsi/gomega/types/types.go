// Package types is a stub of gomega's types, for tests.
package types

// GomegaMatcher matches a value.
type GomegaMatcher interface {
	Match(actual interface{}) (bool, error)
}

// Assertion is what Expect returns.
type Assertion interface {
	To(matcher GomegaMatcher, optionalDescription ...interface{}) bool
	NotTo(matcher GomegaMatcher, optionalDescription ...interface{}) bool
	ToNot(matcher GomegaMatcher, optionalDescription ...interface{}) bool
}
