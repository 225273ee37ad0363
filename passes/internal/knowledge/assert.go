package knowledge

// Test assertion libraries. In tests, a conn's source error is often
// checked by an assertion rather than an if statement:
//
//	if !assert.NoError(t, err) { return }      // false: err != nil
//	require.Error(t, err)                       // returns only if err != nil
//	Expect(err).NotTo(HaveOccurred())           // returns only if err == nil
//
// The core reads these as the branch conditions and no-return calls they
// stand for, so that the conn is known to be nil where the error is set.

// Assertion is what an assertion call says about one error operand.
type Assertion struct {
	// Arg is the operand checked, numbered as go/ssa numbers a static
	// call's arguments (for a method, the receiver is operand 0: so
	// assert.NoError(t, err) and a.NoError(err) both check operand 1).
	Arg int
	// Nil reports that the assertion holds when the operand is nil
	// (NoError, Nil); otherwise it holds when it is not nil (Error,
	// ErrorIs, NotNil...).
	Nil bool
	// Stops reports that a failed assertion ends the test (require):
	// the call returns only if the assertion holds. Otherwise (assert)
	// the call returns whether it holds.
	Stops bool
}

// LookupAssertion returns what the function or method with the given
// qualified name asserts about an error operand, if it is a known
// assertion.
func LookupAssertion(fullName string) (Assertion, bool) {
	a, ok := assertions[fullName]
	return a, ok
}

const (
	testifyAssert  = "github.com/stretchr/testify/assert"
	testifyRequire = "github.com/stretchr/testify/require"
)

// assertions is built once from the testify names: each one exists as a
// function of assert and require, and as a method of their Assertions.
var assertions = func() map[string]Assertion {
	holdsNil := []string{"NoError", "Nil"}
	holdsNonNil := []string{"Error", "ErrorIs", "ErrorAs", "ErrorContains", "EqualError", "NotNil"}
	m := make(map[string]Assertion)
	for _, pkg := range []string{testifyAssert, testifyRequire} {
		stops := pkg == testifyRequire
		add := func(name string, isNil bool) {
			a := Assertion{Arg: 1, Nil: isNil, Stops: stops}
			m[pkg+"."+name] = a
			m["(*"+pkg+".Assertions)."+name] = a
		}
		for _, n := range holdsNil {
			add(n, true)
		}
		for _, n := range holdsNonNil {
			add(n, false)
		}
	}
	return m
}()

// Matcher is what a gomega matcher asserts about the actual value, when
// used with a positive assertion (To, Should).
type Matcher struct {
	// Nil reports that the matcher succeeds when the value is nil.
	Nil bool
}

// LookupMatcher returns the gomega matcher made by the function with the
// given qualified name, if it is one that tests an error for nil.
func LookupMatcher(fullName string) (Matcher, bool) {
	switch fullName {
	case "github.com/onsi/gomega.HaveOccurred":
		return Matcher{Nil: false}, true
	case "github.com/onsi/gomega.Succeed", "github.com/onsi/gomega.BeNil":
		return Matcher{Nil: true}, true
	}
	return Matcher{}, false
}

// IsExpect reports whether the function with the given qualified name
// wraps an actual value in a gomega assertion (Expect, Ω).
func IsExpect(fullName string) bool {
	switch fullName {
	case "github.com/onsi/gomega.Expect", "github.com/onsi/gomega.Ω",
		"(*github.com/onsi/gomega.WithT).Expect", "(*github.com/onsi/gomega.WithT).Ω":
		return true
	}
	return false
}

// GomegaCheck reports, for a method of a gomega assertion named name,
// whether it exists and whether it negates the matcher (NotTo, ToNot,
// ShouldNot). A failed gomega assertion ends the test.
func GomegaCheck(name string) (negated, ok bool) {
	switch name {
	case "To", "Should":
		return false, true
	case "NotTo", "ToNot", "ShouldNot":
		return true, true
	}
	return false, false
}

// IsGomegaAssertion reports whether path.name is gomega's Assertion
// interface, whose methods GomegaCheck describes.
func IsGomegaAssertion(path, name string) bool {
	return path == "github.com/onsi/gomega/types" && name == "Assertion"
}
