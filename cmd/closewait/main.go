// Command closewait runs the closewait analyzers: standalone
// (closewait ./...), as a vet tool (go vet -vettool=$(which closewait)),
// or as a fix tool (go fix -fixtool=$(which closewait)).
package main

import (
	"github.com/closewait/closewait/analyzer"
	"golang.org/x/tools/go/analysis/multichecker"
)

func main() {
	multichecker.Main(analyzer.Suite...)
}
