package analyzer

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// PluginName is the name of closewait's golangci-lint module plugin: the
// key under linters.settings.custom in .golangci.yml, the linter name in
// linters.enable, and the name //nolint:closewait uses.
const PluginName = "closewait"

func init() {
	register.Plugin(PluginName, New)
}

// Settings are the plugin's settings, under
// linters.settings.custom.closewait.settings in .golangci.yml. Unknown
// keys are an error.
type Settings struct {
	// Enable, if not empty, lists the only checks to run (analyzer names
	// from Suite, as in `closewait help`).
	Enable []string `json:"enable"`
	// Disable lists checks not to run.
	Disable []string `json:"disable"`
	// Options sets each check's options: check name, then option name
	// and value. The options are the check's command-line flags without
	// the check's prefix (-httpbody.strict is httpbody: {strict: true}),
	// so the two can never disagree; `closewait help <check>` lists them.
	// An unknown check or option, or a value the flag rejects, is an
	// error.
	Options map[string]map[string]any `json:"options"`
}

// plugin is one configured instance of the plugin: golangci-lint calls
// New once per configuration, so nothing is shared between instances.
type plugin struct {
	analyzers []*analysis.Analyzer
}

// New is the golangci-lint module plugin's constructor. It decodes conf,
// the plugin's settings, and selects the checks to run from Suite.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("closewait plugin settings: %w", err)
	}
	suite, err := s.configure(NewSuite())
	if err != nil {
		return nil, fmt.Errorf("closewait plugin settings: %w", err)
	}
	as, err := s.Select(suite)
	if err != nil {
		return nil, fmt.Errorf("closewait plugin settings: %w", err)
	}
	for i, a := range as {
		as[i] = withoutRelated(a)
	}
	return &plugin{analyzers: as}, nil
}

// withoutRelated returns a copy of a whose diagnostics carry no related
// positions. golangci-lint turns each related position into an issue of
// its own ("closewait(related information): ..."), which a //nolint
// comment on the reported line does not silence; the messages already
// name those lines. The copy shares a's requirements, so the core still
// runs once per package.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	return &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Requires:         a.Requires,
		ResultType:       a.ResultType,
		FactTypes:        a.FactTypes,
		RunDespiteErrors: a.RunDespiteErrors,
		Flags:            a.Flags, // shares the flags' values, already set from the options
		Run: func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Report = func(d analysis.Diagnostic) {
				d.Related = nil
				pass.Report(d)
			}
			return run(&p)
		},
	}
}

// Select returns the analyzers of suite that s enables, in suite order.
// Naming a check that is not in suite, or naming one in both lists, is an
// error.
func (s Settings) Select(suite []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	names := make([]string, len(suite))
	for i, a := range suite {
		names[i] = a.Name
	}
	for _, list := range []struct {
		key   string
		names []string
	}{{"enable", s.Enable}, {"disable", s.Disable}} {
		for _, n := range list.names {
			if !slices.Contains(names, n) {
				return nil, fmt.Errorf("%s: unknown check %q (the checks are %s)", list.key, n, strings.Join(names, ", "))
			}
			if list.key == "disable" && slices.Contains(s.Enable, n) {
				return nil, fmt.Errorf("check %q is both enabled and disabled", n)
			}
		}
	}
	var out []*analysis.Analyzer
	for _, a := range suite {
		if len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name) {
			continue
		}
		if slices.Contains(s.Disable, a.Name) {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no check left to run")
	}
	return out, nil
}

// configure sets the options of s on suite, which must be fresh
// instances (NewSuite): it sets their flags.
func (s Settings) configure(suite []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	checks := slices.Sorted(maps.Keys(s.Options))
	for _, check := range checks {
		i := slices.IndexFunc(suite, func(a *analysis.Analyzer) bool { return a.Name == check })
		if i < 0 {
			return nil, fmt.Errorf("options: unknown check %q (the checks are %s)", check, strings.Join(names(suite), ", "))
		}
		a := suite[i]
		for _, name := range slices.Sorted(maps.Keys(s.Options[check])) {
			if a.Flags.Lookup(name) == nil {
				var known []string
				a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
				return nil, fmt.Errorf("options.%s: unknown option %q (the options of %s are %s)", check, name, check, strings.Join(known, ", "))
			}
			var value string
			switch v := s.Options[check][name].(type) {
			case bool, string, float64, int:
				value = fmt.Sprint(v)
			default:
				return nil, fmt.Errorf("options.%s.%s: want a boolean, number or string, not %T", check, name, v)
			}
			if err := a.Flags.Set(name, value); err != nil {
				return nil, fmt.Errorf("options.%s.%s: %v", check, name, err)
			}
		}
	}
	return suite, nil
}

func names(as []*analysis.Analyzer) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}

// BuildAnalyzers returns the selected analyzers.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return slices.Clone(p.analyzers), nil
}

// GetLoadMode asks golangci-lint for type information: the analyzers
// build SSA and exchange facts across packages.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
