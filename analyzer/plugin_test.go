package analyzer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/closewait/closewait/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

// TestPlugin builds the plugin as golangci-lint does: through the
// registry, with the settings as YAML decodes them.
func TestPlugin(t *testing.T) {
	newPlugin, err := register.GetPlugin(analyzer.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	all := names(analyzer.Suite)
	first, rest := all[0], all[1:]
	for _, tc := range []struct {
		name string
		conf any
		want []string
	}{
		{"no settings", nil, all},
		{"empty settings", map[string]any{}, all},
		{"disable", map[string]any{"disable": []any{first}}, rest},
		{"enable", map[string]any{"enable": []any{first}}, []string{first}},
	} {
		p, err := newPlugin(tc.conf)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("%s: load mode %q, want %q", tc.name, p.GetLoadMode(), register.LoadModeTypesInfo)
		}
		as, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		if got := names(as); !slices.Equal(got, tc.want) {
			t.Errorf("%s: analyzers %v, want %v", tc.name, got, tc.want)
		}
		if err := analysis.Validate(as); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if got := names(analyzer.Suite); !slices.Equal(got, all) {
		t.Errorf("building plugins changed Suite to %v", got)
	}
}

func TestPluginSettingsErrors(t *testing.T) {
	first := analyzer.Suite[0].Name
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"disabled": []any{first}}, `unknown field "disabled"`},
		{map[string]any{"disable": []any{"nosuchcheck"}}, `disable: unknown check "nosuchcheck"`},
		{map[string]any{"enable": []any{"nosuchcheck"}}, `enable: unknown check "nosuchcheck"`},
		{map[string]any{"enable": []any{first}, "disable": []any{first}}, "both enabled and disabled"},
		{map[string]any{"disable": []any(anySlice(names(analyzer.Suite)))}, "no check left"},
		{map[string]any{"disable": "closewait"}, "cannot unmarshal"},
		{map[string]any{"options": map[string]any{"nosuchcheck": map[string]any{"strict": true}}}, `options: unknown check "nosuchcheck"`},
		{map[string]any{"options": map[string]any{"httpbody": map[string]any{"strikt": true}}}, `options.httpbody: unknown option "strikt" (the options of httpbody are drain, strict, tests, unused-ignores)`},
		{map[string]any{"options": map[string]any{"httpbody": map[string]any{"strict": "maybe"}}}, `options.httpbody.strict: parse error`},
		{map[string]any{"options": map[string]any{"httpbody": map[string]any{"strict": []any{true}}}}, `options.httpbody.strict: want a boolean, number or string`},
		{map[string]any{"options": map[string]any{"httpbody": true}}, "cannot unmarshal"},
	} {
		_, err := analyzer.New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) error = %v, want %q", tc.conf, err, tc.want)
		}
	}
}

// TestPluginOptions checks that options set the checks' flags on
// instances of the plugin's own: two plugins with different options, and
// Suite (what the command and go vet run), do not see each other's.
func TestPluginOptions(t *testing.T) {
	flagOf := func(as []*analysis.Analyzer, check, name string) string {
		t.Helper()
		for _, a := range as {
			if a.Name == check {
				return a.Flags.Lookup(name).Value.String()
			}
		}
		t.Fatalf("no analyzer %s in %v", check, names(as))
		return ""
	}
	build := func(conf any) []*analysis.Analyzer {
		t.Helper()
		p, err := analyzer.New(conf)
		if err != nil {
			t.Fatal(err)
		}
		as, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		return as
	}
	strict := build(map[string]any{"options": map[string]any{
		"httpbody":  map[string]any{"strict": true, "drain": "true"},
		"closewait": map[string]any{"skipped": true},
	}})
	plain := build(map[string]any{"options": map[string]any{"httpbody": map[string]any{"drain": false}}})
	for _, tc := range []struct {
		as                  []*analysis.Analyzer
		check, option, want string
	}{
		{strict, "httpbody", "strict", "true"},
		{strict, "httpbody", "drain", "true"},
		{strict, "closewait", "skipped", "true"},
		{strict, "httpbody", "unused-ignores", "false"},
		{plain, "httpbody", "strict", "false"},
		{plain, "closewait", "skipped", "false"},
		{analyzer.Suite, "httpbody", "strict", "false"},
		{analyzer.Suite, "closewait", "skipped", "false"},
	} {
		if got := flagOf(tc.as, tc.check, tc.option); got != tc.want {
			t.Errorf("%s.%s = %s, want %s", tc.check, tc.option, got, tc.want)
		}
	}
	if got, want := names(analyzer.NewSuite()), names(analyzer.Suite); !slices.Equal(got, want) {
		t.Errorf("NewSuite() = %v, want the analyzers of Suite %v", got, want)
	}
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
