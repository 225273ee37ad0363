package lean

import (
	"bytes"
	"go/scanner"
	"go/token"
)

// purge returns a copy of src in which the bodies of the function
// declarations Trim would drop, as far as the tokens alone show it, are
// blanked out, so that the parser does not build their syntax only for
// Trim to throw it away. A body is blanked when it holds a return
// statement and no function literal (so it cannot be MayNotReturn's),
// and its function is neither generic nor an init. Every newline stays
// where it was: the positions of what is left do not move. src itself
// is returned, unchanged, if it has a line directive (which a blanked
// body could hold), a dot import, or a token the scanner rejects, or if
// nothing is to be blanked.
func purge(src []byte) []byte {
	if bytes.Contains(src, []byte("line ")) && (bytes.Contains(src, []byte("//line ")) || bytes.Contains(src, []byte("/*line "))) {
		return src
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	bad := false
	s.Init(file, src, func(token.Position, string) { bad = true }, 0)
	next := func() (token.Pos, token.Token, string) { return s.Scan() }
	var spans [][2]int // byte offsets of bodies to blank, exclusive of the braces
	depth := 0
	prev := token.SEMICOLON
	inImport := false
	for {
		_, tok, _ := next()
		if tok == token.EOF || bad {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.IMPORT:
			inImport = depth == 0
		case token.PERIOD:
			if inImport {
				return src // a dot import: Trim leaves the file whole
			}
		case token.SEMICOLON:
			if depth == 0 {
				inImport = false
			}
		case token.FUNC:
			if depth == 0 && prev == token.SEMICOLON {
				if span, ok := funcBody(file, next); ok {
					spans = append(spans, span)
				}
				prev = token.SEMICOLON // the declaration has ended
				continue
			}
		}
		prev = tok
	}
	if bad || len(spans) == 0 {
		return src
	}
	out := bytes.Clone(src)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	return out
}

// funcBody scans one function declaration after its func keyword, and
// returns the span of its body if it is to be blanked (see purge). It
// stops after the body's closing brace, or at the semicolon that ends a
// declaration without one.
func funcBody(file *token.File, next func() (token.Pos, token.Token, string)) (span [2]int, ok bool) {
	generic := false
	pos, tok, lit := next()
	if tok == token.LPAREN { // the receiver: generic if its type has type arguments
		for d := 1; d > 0; {
			_, tok, _ = next()
			switch tok {
			case token.EOF:
				return span, false
			case token.LPAREN:
				d++
			case token.RPAREN:
				d--
			case token.LBRACK:
				generic = true
			}
		}
		pos, tok, lit = next()
	}
	if tok != token.IDENT {
		return span, false
	}
	init := lit == "init"
	depth := 0
	prev := token.IDENT
	for first := true; ; first = false {
		pos, tok, _ = next()
		switch tok {
		case token.EOF:
			return span, false
		case token.LBRACK:
			if first {
				generic = true // type parameters
			}
			depth++
		case token.LPAREN:
			depth++
		case token.RPAREN, token.RBRACK:
			depth--
		case token.SEMICOLON:
			if depth == 0 {
				return span, false // no body
			}
		case token.LBRACE:
			if depth > 0 || prev == token.STRUCT || prev == token.INTERFACE {
				skipBraces(next) // a struct or interface type in the signature
				prev = token.RBRACE
				continue
			}
			open := file.Offset(pos) + 1
			returns, lits := false, false
			for d := 1; d > 0; {
				p, t, _ := next()
				switch t {
				case token.EOF:
					return span, false
				case token.LBRACE:
					d++
				case token.RBRACE:
					if d--; d == 0 {
						span = [2]int{open, file.Offset(p)}
					}
				case token.RETURN:
					returns = true
				case token.FUNC:
					lits = true
				}
			}
			return span, returns && !lits && !generic && !init
		}
		prev = tok
	}
}

// skipBraces scans to the brace that closes one already opened.
func skipBraces(next func() (token.Pos, token.Token, string)) {
	for d := 1; d > 0; {
		_, t, _ := next()
		switch t {
		case token.EOF:
			return
		case token.LBRACE:
			d++
		case token.RBRACE:
			d--
		}
	}
}
