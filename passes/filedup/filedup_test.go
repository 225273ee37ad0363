package filedup_test

import (
	"testing"

	"github.com/closewait/closewait/passes/filedup"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestFileDup(t *testing.T) {
	analysistest.Run(t, testutil.TestData(), filedup.Analyzer, "filedup/dups")
}
