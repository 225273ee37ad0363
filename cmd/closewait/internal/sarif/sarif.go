// Package sarif converts analysis diagnostics into a SARIF 2.1.0 log
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html),
// with one rule per analyzer, precise regions, related locations and
// fixes. It declares only the parts of the format it writes.
package sarif

import (
	"cmp"
	"fmt"
	"go/token"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// Version and Schema identify the format written.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// SrcRoot is the uriBaseId that artifact URIs under the root are
// relative to.
const SrcRoot = "%SRCROOT%"

// Log is a sarifLog object.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is a run object: one execution of the tool.
type Run struct {
	Tool               Tool                        `json:"tool"`
	Invocations        []Invocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind,omitempty"`
	Results            []Result                    `json:"results"`
}

// Tool is a tool object.
type Tool struct {
	Driver ToolComponent `json:"driver"`
}

// ToolComponent describes the analysis tool.
type ToolComponent struct {
	Name            string                `json:"name"`
	Version         string                `json:"version,omitempty"`
	SemanticVersion string                `json:"semanticVersion,omitempty"`
	InformationURI  string                `json:"informationUri,omitempty"`
	Rules           []ReportingDescriptor `json:"rules"`
}

// ReportingDescriptor is a rule: here, one analyzer.
type ReportingDescriptor struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     *Message       `json:"shortDescription,omitempty"`
	FullDescription      *Message       `json:"fullDescription,omitempty"`
	Help                 *Message       `json:"help,omitempty"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration *Configuration `json:"defaultConfiguration,omitempty"`
	Properties           map[string]any `json:"properties,omitempty"`
}

// Configuration is a reportingConfiguration object.
type Configuration struct {
	Level string `json:"level"`
}

// Message is a message (or multiformatMessageString) object.
type Message struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// Invocation is an invocation object.
type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
}

// Notification is a notification object, for errors of the run.
type Notification struct {
	Level   string  `json:"level"`
	Message Message `json:"message"`
}

// Result is a result object: one diagnostic.
type Result struct {
	RuleID           string         `json:"ruleId"`
	RuleIndex        int            `json:"ruleIndex"`
	Level            string         `json:"level"`
	Message          Message        `json:"message"`
	Locations        []Location     `json:"locations"`
	RelatedLocations []Location     `json:"relatedLocations,omitempty"`
	Fixes            []Fix          `json:"fixes,omitempty"`
	Properties       map[string]any `json:"properties,omitempty"`
}

// Location is a location object.
type Location struct {
	ID               *int             `json:"id,omitempty"`
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
	Message          *Message         `json:"message,omitempty"`
}

// PhysicalLocation is a physicalLocation object.
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation is an artifactLocation object.
type ArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a region object. Columns count UTF-16 code units, SARIF's
// default column kind; byte offsets are given for fixes. Without an end,
// a region runs to the end of its start line.
type Region struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

// Fix is a fix object: one suggested fix.
type Fix struct {
	Description     Message          `json:"description"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is the part of a fix that edits one file.
type ArtifactChange struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Replacements     []Replacement    `json:"replacements"`
}

// Replacement is a replacement object.
type Replacement struct {
	DeletedRegion   Region           `json:"deletedRegion"`
	InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
}

// ArtifactContent is an artifactContent object.
type ArtifactContent struct {
	Text string `json:"text"`
}

// Diagnostic is one diagnostic to convert, with what locates it.
type Diagnostic struct {
	Analyzer *analysis.Analyzer
	Fset     *token.FileSet
	analysis.Diagnostic
}

// Builder converts diagnostics into a SARIF log.
type Builder struct {
	// Tool names the driver; its Rules are filled in by Log.
	Tool ToolComponent
	// Root is the directory that relative artifact URIs start from
	// (normally the repository root, where the tool runs).
	Root string
	// ReadFile returns a file's content, to count columns in UTF-16
	// code units. If it fails, columns count bytes.
	ReadFile func(filename string) ([]byte, error)
	// HelpMarkdown, if set, returns the Markdown help of an analyzer's
	// rule (its text help is the analyzer's Doc).
	HelpMarkdown func(*analysis.Analyzer) string
}

// Log returns the SARIF log of one run of analyzers that reported diags;
// errs are the run's errors (load failures, analyzer errors). Results are
// sorted by file, position, rule and message, and de-duplicated (a file
// analysed in a package and in its test variant reports twice).
func (b *Builder) Log(analyzers []*analysis.Analyzer, diags []Diagnostic, errs []string) *Log {
	tool := b.Tool
	tool.Rules = nil
	index := make(map[*analysis.Analyzer]int)
	for _, a := range analyzers {
		index[a] = len(tool.Rules)
		r := rule(a)
		if b.HelpMarkdown != nil {
			r.Help.Markdown = b.HelpMarkdown(a)
		}
		tool.Rules = append(tool.Rules, r)
	}
	lines := &lineCache{read: b.ReadFile, files: make(map[string][]byte)}
	type sortable struct {
		key    string
		result Result
	}
	var results []sortable
	seen := make(map[string]bool)
	for _, d := range diags {
		i, ok := index[d.Analyzer]
		if !ok {
			continue
		}
		start := d.Fset.Position(d.Pos)
		key := fmt.Sprintf("%s\x00%08d\x00%08d\x00%s\x00%s", start.Filename, start.Line, start.Column, d.Analyzer.Name, d.Message)
		if seen[key] {
			continue
		}
		seen[key] = true
		results = append(results, sortable{key, b.result(lines, d, i)})
	}
	slices.SortFunc(results, func(x, y sortable) int { return cmp.Compare(x.key, y.key) })
	run := Run{
		Tool:       Tool{Driver: tool},
		ColumnKind: "utf16CodeUnits",
		Results:    []Result{},
	}
	for _, r := range results {
		run.Results = append(run.Results, r.result)
	}
	if b.Root != "" {
		run.OriginalURIBaseIDs = map[string]ArtifactLocation{SrcRoot: {URI: fileURI(b.Root) + "/"}}
	}
	inv := Invocation{ExecutionSuccessful: len(errs) == 0}
	for _, e := range errs {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, Notification{Level: "error", Message: Message{Text: e}})
	}
	run.Invocations = []Invocation{inv}
	return &Log{Schema: Schema, Version: Version, Runs: []Run{run}}
}

// rule describes analyzer a: its doc's title is the short description,
// the rest the full one.
func rule(a *analysis.Analyzer) ReportingDescriptor {
	title, body, _ := strings.Cut(a.Doc, "\n\n")
	title, body = strings.TrimSpace(title), strings.TrimSpace(body)
	if body == "" {
		body = title
	}
	help := strings.TrimSpace(a.Doc)
	if a.URL != "" {
		help += "\n\nDocumentation: " + a.URL
	}
	return ReportingDescriptor{
		ID:                   a.Name,
		Name:                 ruleName(a.Name, title),
		ShortDescription:     &Message{Text: title},
		FullDescription:      &Message{Text: body},
		Help:                 &Message{Text: help},
		HelpURI:              a.URL,
		DefaultConfiguration: &Configuration{Level: "warning"},
		Properties:           map[string]any{"tags": []string{"closewait", "reliability"}},
	}
}

// ruleName returns the name of the rule of check, distinct from its id
// as the SARIF spec means it (§3.49.7): a Pascal-case identifier, as the
// SARIF Multitool's rule SARIF2012 wants (each word a capital and
// lowercase letters or digits), from the words of the check's title
// without its leading "report": one-letter words are dropped, acronyms
// become words (EOF is Eof). A title with no word left gives the
// check's name, capitalised.
func ruleName(check, title string) string {
	title = strings.ReplaceAll(strings.TrimPrefix(title, "report "), "'", "")
	words := strings.FieldsFunc(title, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	})
	var b strings.Builder
	for _, w := range words {
		if len(w) < 2 {
			continue
		}
		rest := w[1:]
		if strings.ToUpper(rest) == rest {
			rest = strings.ToLower(rest)
		}
		b.WriteString(strings.ToUpper(w[:1]) + rest)
	}
	if b.Len() == 0 {
		return strings.ToUpper(check[:1]) + check[1:]
	}
	return b.String()
}

// linkedMessage returns the text of a result's message: the diagnostic's
// message, then each related location as an embedded link to it
// (§3.11.6, "[text](id)"), so that viewers link the message to those
// locations. Literal brackets are escaped, as §3.11.6 requires of a
// message with embedded links.
func linkedMessage(msg string, related []Location) string {
	if len(related) == 0 {
		return msg
	}
	esc := strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`)
	links := make([]string, len(related))
	for i, rel := range related {
		links[i] = fmt.Sprintf("[%s](%d)", esc.Replace(rel.Message.Text), *rel.ID)
	}
	return esc.Replace(msg) + " (" + strings.Join(links, "; ") + ")"
}

func (b *Builder) result(lines *lineCache, d Diagnostic, ruleIndex int) Result {
	r := Result{
		RuleID:    d.Analyzer.Name,
		RuleIndex: ruleIndex,
		Level:     "warning",
		Message:   Message{Text: d.Message},
		Locations: []Location{{PhysicalLocation: b.physical(lines, d.Fset, d.Pos, d.End)}},
	}
	if d.Category != "" {
		r.Properties = map[string]any{"category": d.Category}
	}
	for i, rel := range d.Related {
		if !rel.Pos.IsValid() {
			continue
		}
		id := i + 1
		r.RelatedLocations = append(r.RelatedLocations, Location{
			ID:               &id,
			PhysicalLocation: b.physical(lines, d.Fset, rel.Pos, rel.End),
			Message:          &Message{Text: rel.Message},
		})
	}
	r.Message.Text = linkedMessage(d.Message, r.RelatedLocations)
	for _, sf := range d.SuggestedFixes {
		if fix, ok := b.fix(lines, d.Fset, sf); ok {
			r.Fixes = append(r.Fixes, fix)
		}
	}
	return r
}

// physical locates [pos, end); without a valid end, the region runs to
// the end of pos's line.
func (b *Builder) physical(lines *lineCache, fset *token.FileSet, pos, end token.Pos) PhysicalLocation {
	start := fset.Position(pos)
	region := &Region{StartLine: start.Line, StartColumn: lines.column(start)}
	if end.IsValid() && end >= pos {
		stop := fset.Position(end)
		region.EndLine, region.EndColumn = stop.Line, lines.column(stop)
	}
	return PhysicalLocation{ArtifactLocation: b.artifact(start.Filename), Region: region}
}

// fix converts sf, grouping its edits by file. It fails on an edit
// without a position.
func (b *Builder) fix(lines *lineCache, fset *token.FileSet, sf analysis.SuggestedFix) (Fix, bool) {
	fix := Fix{Description: Message{Text: sf.Message}}
	byFile := make(map[string]int)
	for _, e := range sf.TextEdits {
		if !e.Pos.IsValid() {
			return Fix{}, false
		}
		start := fset.Position(e.Pos)
		stop := start
		if e.End.IsValid() && e.End >= e.Pos {
			stop = fset.Position(e.End)
		}
		region := lines.region(start, stop)
		off, n := start.Offset, stop.Offset-start.Offset
		region.ByteOffset, region.ByteLength = &off, &n
		i, ok := byFile[start.Filename]
		if !ok {
			i = len(fix.ArtifactChanges)
			byFile[start.Filename] = i
			fix.ArtifactChanges = append(fix.ArtifactChanges, ArtifactChange{ArtifactLocation: b.artifact(start.Filename)})
		}
		rep := Replacement{DeletedRegion: *region}
		if len(e.NewText) > 0 {
			rep.InsertedContent = &ArtifactContent{Text: string(e.NewText)}
		}
		fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, rep)
	}
	return fix, len(fix.ArtifactChanges) > 0
}

// artifact returns filename's location: relative to the root when it is
// under it, else an absolute file URI.
func (b *Builder) artifact(filename string) ArtifactLocation {
	if b.Root != "" {
		if rel, err := filepath.Rel(b.Root, filename); err == nil && filepath.IsLocal(rel) {
			return ArtifactLocation{URI: escapePath(filepath.ToSlash(rel)), URIBaseID: SrcRoot}
		}
	}
	return ArtifactLocation{URI: fileURI(filename)}
}

func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

func fileURI(path string) string {
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// lineCache converts byte columns to UTF-16 columns, reading each file
// once.
type lineCache struct {
	read  func(string) ([]byte, error)
	files map[string][]byte
}

func (c *lineCache) region(start, stop token.Position) *Region {
	return &Region{
		StartLine:   start.Line,
		StartColumn: c.column(start),
		EndLine:     stop.Line,
		EndColumn:   c.column(stop),
	}
}

// column returns p's column in UTF-16 code units, 1-based.
func (c *lineCache) column(p token.Position) int {
	content, ok := c.files[p.Filename]
	if !ok && c.read != nil {
		content, _ = c.read(p.Filename)
		c.files[p.Filename] = content
	}
	lineStart := p.Offset - (p.Column - 1)
	if content == nil || lineStart < 0 || p.Offset > len(content) {
		return p.Column
	}
	n := 0
	for s := content[lineStart:p.Offset]; len(s) > 0; {
		r, size := utf8.DecodeRune(s)
		n += utf16.RuneLen(r)
		s = s[size:]
	}
	return n + 1
}
