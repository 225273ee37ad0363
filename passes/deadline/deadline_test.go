package deadline_test

import (
	"testing"

	"github.com/closewait/closewait/passes/deadline"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestDeadline(t *testing.T) {
	testutil.Messages(t, "deadline", analysistest.Run(t, analysistest.TestData(), deadline.Analyzer,
		"deadline/server", "deadline/keepalive", "deadline/helperuser", "deadline/intests"))
}

func TestClients(t *testing.T) {
	testutil.Messages(t, "deadline-clients", analysistest.Run(t, analysistest.TestData(), deadline.New(deadline.Config{Clients: true}), "deadline/clients"))
}

func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), conntrack.Analyzer, "deadline/helperlib")
}
