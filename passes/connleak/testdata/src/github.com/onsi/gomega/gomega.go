// Package gomega is a stub of gomega, for tests.
package gomega

import "github.com/onsi/gomega/types"

func Expect(actual interface{}, extra ...interface{}) types.Assertion { return nil }
func HaveOccurred() types.GomegaMatcher                               { return nil }
func Succeed() types.GomegaMatcher                                    { return nil }
func BeNil() types.GomegaMatcher                                      { return nil }
