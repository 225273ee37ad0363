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
	} {
		_, err := analyzer.New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) error = %v, want %q", tc.conf, err, tc.want)
		}
	}
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
