package sarif

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// schemaObject is what the SARIF 2.1.0 JSON schema
// (sarif-schema-2.1.0.json) says about one of the object types this
// package writes: its required properties, the properties it allows
// (the schema sets additionalProperties to false), the object-valued
// properties to check recursively, enumerations, minimums and URI
// formats. It is transcribed from the schema, for the types used here.
type schemaObject struct {
	required []string
	anyOf    [][]string // at least one of these sets of properties must be present
	props    []string
	objects  map[string]string // property -> object type
	arrays   map[string]string // property -> type of the items (objects)
	maps     map[string]string // property -> type of the values (objects)
	minItems map[string]int
	enums    map[string][]string
	minimum  map[string]int
	uris     []string // format "uri": absolute
}

// schema returns the transcribed schema, keyed by definition name.
func schema() map[string]schemaObject {
	levels := []string{"none", "note", "warning", "error"}
	return map[string]schemaObject{
		"sarifLog": {
			required: []string{"version", "runs"},
			props:    []string{"$schema", "version", "runs", "inlineExternalProperties", "properties"},
			arrays:   map[string]string{"runs": "run"},
			enums:    map[string][]string{"version": {"2.1.0"}},
			uris:     []string{"$schema"},
		},
		"run": {
			required: []string{"tool"},
			props: []string{"tool", "invocations", "conversion", "language", "versionControlProvenance",
				"originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails",
				"runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
				"newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations",
				"taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
				"specialLocations", "properties"},
			objects: map[string]string{"tool": "tool"},
			arrays:  map[string]string{"invocations": "invocation", "results": "result"},
			maps:    map[string]string{"originalUriBaseIds": "artifactLocation"},
			enums:   map[string][]string{"columnKind": {"utf16CodeUnits", "unicodeCodePoints"}},
		},
		"tool": {
			required: []string{"driver"},
			props:    []string{"driver", "extensions", "properties"},
			objects:  map[string]string{"driver": "toolComponent"},
		},
		"toolComponent": {
			required: []string{"name"},
			props: []string{"guid", "name", "organization", "product", "productSuite", "shortDescription",
				"fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
				"releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications",
				"rules", "taxa", "locations", "language", "contents", "isComprehensive",
				"localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
				"associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"},
			arrays: map[string]string{"rules": "reportingDescriptor"},
			uris:   []string{"downloadUri", "informationUri"},
		},
		"reportingDescriptor": {
			required: []string{"id"},
			props: []string{"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
				"shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri",
				"help", "relationships", "properties"},
			objects: map[string]string{"shortDescription": "multiformatMessageString", "fullDescription": "multiformatMessageString",
				"help": "multiformatMessageString", "defaultConfiguration": "reportingConfiguration", "properties": "propertyBag"},
			uris: []string{"helpUri"},
		},
		"reportingConfiguration": {
			props: []string{"enabled", "level", "rank", "parameters", "properties"},
			enums: map[string][]string{"level": levels},
		},
		"multiformatMessageString": {
			required: []string{"text"},
			props:    []string{"text", "markdown", "properties"},
		},
		"message": {
			anyOf: [][]string{{"text"}, {"id"}},
			props: []string{"text", "markdown", "id", "arguments", "properties"},
		},
		"propertyBag": {}, // any properties
		"invocation": {
			required: []string{"executionSuccessful"},
			props: []string{"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
				"ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications",
				"toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber",
				"processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
				"executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr",
				"stdoutStderr", "properties"},
			arrays: map[string]string{"toolExecutionNotifications": "notification"},
		},
		"notification": {
			required: []string{"message"},
			props: []string{"locations", "message", "level", "threadId", "timeUtc", "exception", "descriptor",
				"associatedRule", "properties"},
			objects: map[string]string{"message": "message"},
			enums:   map[string][]string{"level": levels},
		},
		"result": {
			required: []string{"message"},
			props: []string{"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations",
				"guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks",
				"codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState",
				"rank", "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa",
				"webRequest", "webResponse", "properties"},
			objects: map[string]string{"message": "message", "properties": "propertyBag"},
			arrays:  map[string]string{"locations": "location", "relatedLocations": "location", "fixes": "fix"},
			enums: map[string][]string{"level": levels,
				"kind": {"notApplicable", "pass", "fail", "review", "open", "informational"}},
			minimum: map[string]int{"ruleIndex": -1},
		},
		"location": {
			props:   []string{"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"},
			objects: map[string]string{"physicalLocation": "physicalLocation", "message": "message"},
			minimum: map[string]int{"id": -1},
		},
		"physicalLocation": {
			anyOf:   [][]string{{"address"}, {"artifactLocation"}},
			props:   []string{"address", "artifactLocation", "region", "contextRegion", "properties"},
			objects: map[string]string{"artifactLocation": "artifactLocation", "region": "region"},
		},
		"artifactLocation": {
			props:   []string{"uri", "uriBaseId", "index", "description", "properties"},
			minimum: map[string]int{"index": -1},
		},
		"region": {
			props: []string{"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
				"byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
			minimum: map[string]int{"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1,
				"charOffset": -1, "charLength": 0, "byteOffset": -1, "byteLength": 0},
		},
		"fix": {
			required: []string{"artifactChanges"},
			props:    []string{"description", "artifactChanges", "properties"},
			objects:  map[string]string{"description": "message"},
			arrays:   map[string]string{"artifactChanges": "artifactChange"},
			minItems: map[string]int{"artifactChanges": 1},
		},
		"artifactChange": {
			required: []string{"artifactLocation", "replacements"},
			props:    []string{"artifactLocation", "replacements", "properties"},
			objects:  map[string]string{"artifactLocation": "artifactLocation"},
			arrays:   map[string]string{"replacements": "replacement"},
			minItems: map[string]int{"replacements": 1},
		},
		"replacement": {
			required: []string{"deletedRegion"},
			props:    []string{"deletedRegion", "insertedContent", "properties"},
			objects:  map[string]string{"deletedRegion": "region", "insertedContent": "artifactContent"},
		},
		"artifactContent": {
			props: []string{"text", "binary", "rendered", "properties"},
		},
	}
}

// Validate checks data, a SARIF log, against the SARIF 2.1.0 schema's
// constraints on the objects this package writes (required and allowed
// properties, enumerations, minimums, absolute URIs, non-empty arrays),
// plus the consistency of results with the rules: each ruleIndex points
// at the rule named by ruleId, and rule ids are unique. It returns every
// violation, each with its JSON path.
func Validate(data []byte) []error {
	var root any
	if err := json.Unmarshal(data, &root); err != nil {
		return []error{err}
	}
	v := &validator{schema: schema()}
	v.object("$", "sarifLog", root)
	v.rules(root)
	return v.errs
}

type validator struct {
	schema map[string]schemaObject
	errs   []error
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

func (v *validator) object(path, typ string, val any) {
	obj, ok := val.(map[string]any)
	if !ok {
		v.errorf(path, "%s must be an object, not %T", typ, val)
		return
	}
	s := v.schema[typ]
	for _, req := range s.required {
		if _, ok := obj[req]; !ok {
			v.errorf(path, "%s lacks required property %q", typ, req)
		}
	}
	if len(s.anyOf) > 0 && !slices.ContainsFunc(s.anyOf, func(set []string) bool {
		return !slices.ContainsFunc(set, func(p string) bool { _, ok := obj[p]; return !ok })
	}) {
		v.errorf(path, "%s needs one of %v", typ, s.anyOf)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p, x := path+"."+k, obj[k]
		if s.props != nil && !slices.Contains(s.props, k) {
			v.errorf(p, "%s has no property %q", typ, k)
		}
		if enum, ok := s.enums[k]; ok && !slices.Contains(enum, fmt.Sprint(x)) {
			v.errorf(p, "%v is not one of %v", x, enum)
		}
		if lo, ok := s.minimum[k]; ok {
			if n, isNum := x.(float64); !isNum || n != float64(int(n)) || int(n) < lo {
				v.errorf(p, "%v is not an integer >= %d", x, lo)
			}
		}
		if slices.Contains(s.uris, k) {
			if u, err := url.Parse(fmt.Sprint(x)); err != nil || !u.IsAbs() {
				v.errorf(p, "%v is not an absolute URI", x)
			}
		}
		if t, ok := s.objects[k]; ok {
			v.object(p, t, x)
		}
		if t, ok := s.arrays[k]; ok {
			items, isArr := x.([]any)
			if !isArr {
				v.errorf(p, "must be an array")
				continue
			}
			if len(items) < s.minItems[k] {
				v.errorf(p, "needs at least %d items", s.minItems[k])
			}
			for i, it := range items {
				v.object(fmt.Sprintf("%s[%d]", p, i), t, it)
			}
		}
		if t, ok := s.maps[k]; ok {
			m, isMap := x.(map[string]any)
			if !isMap {
				v.errorf(p, "must be an object")
				continue
			}
			for mk, mv := range m {
				v.object(p+"["+mk+"]", t, mv)
			}
		}
	}
}

// rules checks that rule ids are unique and that results point at the
// rule they name.
func (v *validator) rules(root any) {
	runs, _ := dig(root, "runs").([]any)
	for i, run := range runs {
		rules, _ := dig(run, "tool", "driver", "rules").([]any)
		var ids []string
		for _, r := range rules {
			id, _ := dig(r, "id").(string)
			if slices.Contains(ids, id) {
				v.errorf(fmt.Sprintf("$.runs[%d]", i), "duplicate rule id %q", id)
			}
			ids = append(ids, id)
		}
		results, _ := dig(run, "results").([]any)
		for j, res := range results {
			path := fmt.Sprintf("$.runs[%d].results[%d]", i, j)
			id, _ := dig(res, "ruleId").(string)
			idx, hasIdx := dig(res, "ruleIndex").(float64)
			if !slices.Contains(ids, id) {
				v.errorf(path, "ruleId %q is not among the rules %s", id, strings.Join(ids, ", "))
			}
			if hasIdx && (int(idx) >= len(ids) || int(idx) >= 0 && ids[int(idx)] != id) {
				v.errorf(path, "ruleIndex %v does not point at rule %q", idx, id)
			}
		}
	}
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
