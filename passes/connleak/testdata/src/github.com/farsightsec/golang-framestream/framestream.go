// Package framestream is a stub of github.com/farsightsec/golang-framestream
// for the module-table tests: the signatures the table names, with
// bodies that do what v0.3.0's do to the writer (Close writes the STOP
// frame and never closes it).
package framestream

import "io"

type EncoderOptions struct{ Bidirectional bool }

type Encoder struct{ w io.Writer }

func NewEncoder(w io.Writer, opt *EncoderOptions) (*Encoder, error) { return &Encoder{w: w}, nil }

func (e *Encoder) Write(frame []byte) (int, error) { return e.w.Write(frame) }

func (e *Encoder) Flush() error { return nil }

func (e *Encoder) Close() error {
	_, err := e.w.Write([]byte{0, 0, 0, 0})
	return err
}
