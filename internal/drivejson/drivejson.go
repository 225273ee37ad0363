// Package drivejson reads the -json output of an x/tools analysis driver
// (closewait's command): {"package": {"analyzer": [diagnostic...] |
// {"error": "..."}}}. The benchmark's robustness runs and the precision
// corpus both read it.
package drivejson

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
)

// Diag is one diagnostic of the output.
type Diag struct {
	Package  string // the package ID the driver analysed
	Analyzer string
	Posn     string // file:line:col
	Message  string
}

// Parse returns the diagnostics of out, sorted by package, analyzer,
// position and message, and its analyzer errors ("package analyzer:
// error"), sorted. Empty output has neither.
func Parse(out []byte) ([]Diag, []string, error) {
	if len(bytes.TrimSpace(out)) == 0 {
		return nil, nil, nil
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		return nil, nil, fmt.Errorf("-json output does not parse: %v", err)
	}
	var diags []Diag
	var errs []string
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var ds []struct {
				Posn    string `json:"posn"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(raw, &ds); err != nil {
				var e struct {
					Error string `json:"error"`
				}
				if json.Unmarshal(raw, &e) == nil && e.Error != "" {
					errs = append(errs, fmt.Sprintf("%s %s: %s", pkg, name, e.Error))
					continue
				}
				return nil, nil, fmt.Errorf("%s %s: unexpected entry %s", pkg, name, raw)
			}
			for _, d := range ds {
				diags = append(diags, Diag{Package: pkg, Analyzer: name, Posn: d.Posn, Message: d.Message})
			}
		}
	}
	slices.SortFunc(diags, func(a, b Diag) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Analyzer, b.Analyzer),
			cmp.Compare(a.Posn, b.Posn), cmp.Compare(a.Message, b.Message))
	})
	slices.Sort(errs)
	return diags, errs, nil
}
