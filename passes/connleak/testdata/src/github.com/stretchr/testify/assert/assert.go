// Package assert is a stub of testify's assert, for tests.
package assert

// TestingT is what assertions report to.
type TestingT interface {
	Errorf(format string, args ...interface{})
}

func NoError(t TestingT, err error, msgAndArgs ...interface{}) bool { return err == nil }
func Error(t TestingT, err error, msgAndArgs ...interface{}) bool   { return err != nil }
func ErrorContains(t TestingT, err error, contains string, msgAndArgs ...interface{}) bool {
	return err != nil
}
func Nil(t TestingT, object interface{}, msgAndArgs ...interface{}) bool { return object == nil }
func True(t TestingT, value bool, msgAndArgs ...interface{}) bool        { return value }
func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) bool {
	panic(failureMessage)
}

// Assertions holds a TestingT.
type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions { return &Assertions{t} }

func (a *Assertions) NoError(err error, msgAndArgs ...interface{}) bool { return err == nil }
