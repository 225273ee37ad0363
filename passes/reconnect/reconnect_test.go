package reconnect_test

import (
	"testing"

	"github.com/closewait/closewait/passes/internal/testutil"
	"github.com/closewait/closewait/passes/reconnect"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestReconnect(t *testing.T) {
	testutil.Messages(t, "reconnect", analysistest.Run(t, analysistest.TestData(), reconnect.Analyzer, "reconnect/locals", "reconnect/fields", "reconnect/more", "reconnect/owners", "reconnect/handoff"))
}
