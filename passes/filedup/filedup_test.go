package filedup_test

import (
	"testing"

	"github.com/closewait/closewait/passes/filedup"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestFileDup(t *testing.T) {
	testutil.Messages(t, "filedup", analysistest.Run(t, analysistest.TestData(), filedup.Analyzer, "filedup/dups"))
}
