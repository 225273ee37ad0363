package asserts

import (
	"net"
	"testing"

	"github.com/onsi/gomega"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cond bool

// `if !assert.NoError(t, err) { return }`: on that return err != nil, so
// the conn is nil.
func TestAssertNoErrorReturn(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if !assert.NoError(t, err) {
		return
	}
	defer c.Close()
}

// The same with the method of assert.Assertions, and with assert.Nil.
func TestAssertionsMethod(t *testing.T) {
	a := assert.New(t)
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if !a.NoError(err) {
		return
	}
	defer c.Close()
}

func TestAssertNil(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if !assert.Nil(t, err) {
		return
	}
	defer c.Close()
}

// `if assert.NoError(t, err) { use and close }`: nothing leaks on the
// else path.
func TestAssertNoErrorBlock(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if assert.NoError(t, err) {
		c.Close()
	}
}

// `if assert.Error(t, err) { return }`: the conn is nil on that return.
func TestAssertErrorReturn(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if assert.Error(t, err) {
		return
	}
	c.Close()
}

// The positive twin: the assertion passes, and a later return leaks.
func TestAssertLaterLeak(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if !assert.NoError(t, err) {
		return
	}
	if cond {
		return // want `conn c from net.Dial is not closed on this path`
	}
	c.Close()
}

// An assertion on some other bool says nothing about err.
func TestAssertTrueIsNoErrCheck(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if !assert.True(t, cond) {
		return // want `conn c from net.Dial is not closed on this path`
	}
	if err != nil {
		return
	}
	c.Close()
}

// require.Error returns only when err != nil: the conn is nil after it.
func TestRequireError(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	require.Error(t, err)
	_ = c
}

func TestRequireErrorIs(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	require.ErrorIs(t, err, net.ErrClosed)
	_ = c
}

// The positive twin: require.NoError returns only when err == nil, and
// then the conn is open and never closed.
func TestRequireNoErrorNeverClosed(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1") // want `conn c from net.Dial is never closed`
	require.NoError(t, err)
	_ = c
}

// require.FailNow never returns: the path that expected a failure ends.
func TestRequireFailNow(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if err == nil {
		require.FailNow(t, "dial should fail")
	}
	_ = c
}

func TestAssertFailNow(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if err == nil {
		assert.FailNow(t, "dial should fail")
	}
	_ = c
}

// gomega: Expect(err).To(HaveOccurred()) returns only when err != nil.
func TestGomegaHaveOccurred(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	gomega.Expect(err).To(gomega.HaveOccurred())
	_ = c
}

func TestGomegaNotToSucceed(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	gomega.Expect(err).NotTo(gomega.Succeed())
	_ = c
}

// The positive twin: NotTo(HaveOccurred()) means err == nil, so the conn
// is open and never closed.
func TestGomegaNotToHaveOccurred(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1") // want `conn c from net.Dial is never closed`
	gomega.Expect(err).NotTo(gomega.HaveOccurred())
	_ = c
}

// Modelled on panjf2000/gnet's os_unix_test.go: a statement
// assert.ErrorContains(t, err, ...) says the test expects the dial to
// fail; where it did not, the test has failed already.
func TestAssertErrorStatement(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1")
	if cond {
		assert.ErrorContains(t, err, "connection refused")
	} else {
		assert.NoError(t, err)
		defer c.Close()
	}
}

// The positive twin: assert.NoError as a statement does not stop the
// test, and the conn is never closed.
func TestAssertNoErrorStatement(t *testing.T) {
	c, err := net.Dial("tcp", "127.0.0.1:1") // want `conn c from net.Dial is never closed`
	assert.NoError(t, err)
	_ = c
}
