// Package require is a stub of testify's require, for tests.
package require

// TestingT is what assertions report to.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if err != nil {
		t.FailNow()
	}
}

func Error(t TestingT, err error, msgAndArgs ...interface{}) {
	if err == nil {
		t.FailNow()
	}
}

func ErrorIs(t TestingT, err, target error, msgAndArgs ...interface{}) {
	if err == nil {
		t.FailNow()
	}
}

func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) { t.FailNow() }
