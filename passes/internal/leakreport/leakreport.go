// Package leakreport turns the core's findings into diagnostics, so that
// closewait and connleak word their reports the same way, and holds the
// words for each kind of socket (WordsFor) that every check uses.
//
// A message says, in one line in the go vet style, what leaks and where
// ("conn c from net.Dial is not closed when c.Read fails (line 34): ..."),
// then what the kind of socket loses in a few words. Why it matters and
// how to fix it are in the check's doc, reached from the diagnostic's URL.
package leakreport

import (
	"fmt"
	"go/token"

	"github.com/closewait/closewait/passes/internal/conntrack"
	"golang.org/x/tools/go/analysis"
)

// Diagnostic returns the diagnostic for f, with its category, related
// positions and fix.
func Diagnostic(fset *token.FileSet, f conntrack.Finding) analysis.Diagnostic {
	line := func(pos token.Pos) int { return fset.Position(pos).Line }
	w := WordsFor(f.Sock)
	what := w.Noun
	if f.Conn != "" && f.Holds != "" {
		// f.Conn is the owning struct, not the conn: say which field
		// holds the conn below instead of calling the struct a conn.
		what = f.Conn
	} else if f.Conn != "" {
		what += " " + f.Conn
	} else {
		what = "the " + what
	}
	switch f.From {
	case conntrack.Param, conntrack.Captured:
		if f.Goroutine {
			what += " (owned by this goroutine)"
		}
	case conntrack.Taken:
		what = fmt.Sprintf("%s taken out of %s", what, f.Origin)
	default:
		what = fmt.Sprintf("%s from %s", what, f.Origin)
		if f.Holds != "" {
			what += fmt.Sprintf(" (holding a %s in its field %s)", w.Noun, f.Holds)
		}
	}
	d := analysis.Diagnostic{Pos: f.Pos, End: f.End}
	switch f.Kind {
	case conntrack.ReadFailure:
		d.Category = "readerr"
		read := "a read"
		if f.Read != "" {
			read = f.Read
		}
		gone := w.PeerGone
		if gone == "" {
			gone = w.Held
		}
		d.Message = fmt.Sprintf("%s is not closed when %s fails (line %d): %s", what, read, line(f.ReadPos), gone)
	case conntrack.NeverClosed:
		d.Category = "neverclosed"
		d.Message = fmt.Sprintf("%s is never closed: %s", what, w.Held)
	default:
		d.Category = "exitpath"
		d.Message = fmt.Sprintf("%s is not closed on this path: %s", what, w.Held)
	}
	if f.SourcePos.IsValid() && f.Kind != conntrack.NeverClosed {
		made := fmt.Sprintf("the %s is made (or handed over) here", w.Noun)
		if f.From == conntrack.Taken {
			made = fmt.Sprintf("the %s leaves %s here: this function is its last owner", w.Noun, f.Origin)
		} else if f.ByRule {
			made = fmt.Sprintf("the %s is made here: a Dial, Accept or Listen call of an interface or func value returns a fresh one", w.Noun)
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.SourcePos, Message: made})
	}
	if f.ReadPos.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.ReadPos, Message: "this read fails or hits EOF"})
	}
	if f.ExitPos.IsValid() && f.ExitPos != f.Pos {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.ExitPos, Message: fmt.Sprintf("the function returns here with the %s open", w.Noun)})
	}
	if f.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*f.Fix}
	}
	return d
}
