// Package asserts holds conns whose source error a test assertion
// checks (testify, gomega): the assertion is the branch condition or the
// no-return call it stands for.
package asserts
