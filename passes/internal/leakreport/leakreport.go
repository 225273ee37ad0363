// Package leakreport turns the core's findings into diagnostics, so that
// closewait and connleak word their reports the same way.
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
	conn := "conn " + f.Conn
	if f.Conn == "" {
		conn = "the conn"
	}
	var what string
	switch f.From {
	case conntrack.Param, conntrack.Captured:
		what = conn
		if f.Goroutine {
			what += " (owned by this goroutine)"
		}
	default:
		what = fmt.Sprintf("%s from %s", conn, f.Origin)
		if f.Holds != "" {
			what += fmt.Sprintf(" (holding a conn in field %s)", f.Holds)
		}
		if f.Kind != conntrack.NeverClosed {
			what = fmt.Sprintf("%s (line %d)", what, line(f.SourcePos))
		}
	}
	closeIt := "close it"
	if f.Conn != "" {
		closeIt = fmt.Sprintf("defer %s.Close()", f.Conn)
	}
	d := analysis.Diagnostic{Pos: f.Pos, End: f.End}
	switch f.Kind {
	case conntrack.ReadFailure:
		d.Category = "readerr"
		read := "a read"
		if f.Read != "" {
			read = f.Read
		}
		d.Message = fmt.Sprintf("%s is not closed on this path after %s fails or hits EOF (line %d): the peer's FIN leaves the socket in CLOSE_WAIT, holding its fd until the process exits; %s on every path",
			what, read, line(f.ReadPos), closeIt)
	case conntrack.NeverClosed:
		d.Category = "neverclosed"
		d.Message = fmt.Sprintf("%s is never closed: its fd and port stay held until the process exits, in CLOSE_WAIT once the peer closes; %s after the error check",
			what, closeIt)
	default:
		d.Category = "exitpath"
		d.Message = fmt.Sprintf("%s is not closed on this path: its fd and port stay held until the process exits, in CLOSE_WAIT once the peer closes; %s on every path",
			what, closeIt)
	}
	if f.SourcePos.IsValid() && f.Kind != conntrack.NeverClosed {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.SourcePos, Message: "the conn is made (or handed over) here"})
	}
	if f.ReadPos.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.ReadPos, Message: "this read fails or hits EOF"})
	}
	if f.ExitPos.IsValid() && f.ExitPos != f.Pos {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.ExitPos, Message: "the function returns here with the conn open"})
	}
	if f.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*f.Fix}
	}
	return d
}
