package filedup_test

import (
	"testing"

	"github.com/closewait/closewait/passes/filedup"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestFileDup(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), filedup.Analyzer, "filedup/dups")
}
