// Package sarifschema validates SARIF logs against the official SARIF
// 2.1.0 JSON schema file (testdata/sarif-schema-2.1.0.json, see
// testdata/SOURCE.md), with a JSON-schema library rather than a
// hand-written transcription. Only tests import it, so neither the
// library nor the schema is linked into closewait.
package sarifschema

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/sarif-schema-2.1.0.json
var schemaJSON []byte

const schemaURL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// Validate returns nil if log, a SARIF log in JSON, is valid under the
// schema, formats (uri, date-time) included; otherwise the schema's
// errors.
func Validate(log []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return fmt.Errorf("the schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return fmt.Errorf("the schema: %v", err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return fmt.Errorf("the schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return fmt.Errorf("the log is not JSON: %v", err)
	}
	return sch.Validate(inst)
}
