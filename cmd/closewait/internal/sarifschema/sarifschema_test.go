package sarifschema_test

import (
	"strings"
	"testing"

	"github.com/closewait/closewait/cmd/closewait/internal/sarifschema"
)

// TestValidate checks that the schema is really applied: a minimal log
// passes, and each kind of violation fails.
func TestValidate(t *testing.T) {
	const ok = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}}]}`
	if err := sarifschema.Validate([]byte(ok)); err != nil {
		t.Errorf("minimal log: %v", err)
	}
	for _, tc := range []struct{ log, want string }{
		{`{"runs": []}`, "version"},
		{`{"version": "2.0.0", "runs": []}`, "version"},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`, "name"},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a", "shortDescription": {}}]}}}]}`, "text"},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "not a uri"}}}]}`, "informationUri"},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "nosuch": 1}}}]}`, "nosuch"},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`, "level"},
	} {
		err := sarifschema.Validate([]byte(tc.log))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%s) = %v, want an error mentioning %q", tc.log, err, tc.want)
		}
	}
}
