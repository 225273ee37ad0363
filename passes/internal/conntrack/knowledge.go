package conntrack

// This file holds what closewait knows about the standard library (and a few
// popular logging packages): which calls create conns, wrap them, read them,
// close them, or merely borrow them. The analysis framework warns that facts
// may be missing for standard packages, so this knowledge is data, keyed by
// the qualified name that types.Func.FullName prints.

import "strings"

// role is what a call does with one of its operands.
type role uint8

const (
	roleSource   role = iota + 1 // result 0 is a fresh conn the caller owns
	roleBody                     // result 0 is a fresh *http.Response whose Body the caller must close
	roleDup                      // result 0 is a fresh *os.File dup of a socket the caller must close
	roleWrap                     // result 0 owns operand arg: closing it closes arg
	roleView                     // result 0 reads from operand arg (bufio, decoders)
	roleRead                     // reads operand arg; last result is its error (or bool)
	roleDrain                    // reads operand arg until EOF or error (io.Copy)
	roleClose                    // closes operand arg
	roleBorrow                   // uses operand arg and keeps nothing
	roleTake                     // takes ownership of operand arg (closes it later)
	roleNoReturn                 // the call never returns
	roleDeadline                 // sets a read deadline on operand arg
)

// use is one role a call plays on its operand number arg. Operands are
// numbered as go/ssa numbers a static call's arguments: for a method, the
// receiver is operand 0.
type use struct {
	role role
	arg  int
}

// allArgs marks a roleBorrow use that applies to every operand.
const allArgs = -1

// noReturnNames holds the unqualified names of the functions that
// stdFuncs says never return (Exit, Fatal, ...), so that looking one up
// costs a qualified name only when the short name matches. It is
// computed once, from stdFuncs, and never written again.
var noReturnNames = func() map[string]bool {
	names := make(map[string]bool)
	for name, uses := range stdFuncs {
		for _, u := range uses {
			if u.role == roleNoReturn {
				names[name[strings.LastIndex(name, ".")+1:]] = true
			}
		}
	}
	return names
}()

// stdFuncs maps a function's qualified name to what it does with its
// operands. Functions absent from this table (and without a fact) are
// unknown: a conn passed to them is assumed to escape.
var stdFuncs = map[string][]use{
	// Sources.
	"net.Dial":                         {{roleSource, 0}},
	"net.DialTimeout":                  {{roleSource, 0}},
	"net.DialTCP":                      {{roleSource, 0}},
	"net.DialUnix":                     {{roleSource, 0}},
	"net.DialIP":                       {{roleSource, 0}},
	"net.DialUDP":                      {{roleSource, 0}},
	"net.FileConn":                     {{roleSource, 0}, {roleBorrow, 0}},
	"(*net.Dialer).Dial":               {{roleSource, 0}},
	"(*net.Dialer).DialContext":        {{roleSource, 0}},
	"(net.Listener).Accept":            {{roleSource, 0}},
	"(*net.TCPListener).Accept":        {{roleSource, 0}},
	"(*net.TCPListener).AcceptTCP":     {{roleSource, 0}},
	"(*net.UnixListener).Accept":       {{roleSource, 0}},
	"(*net.UnixListener).AcceptUnix":   {{roleSource, 0}},
	"crypto/tls.Dial":                  {{roleSource, 0}},
	"crypto/tls.DialWithDialer":        {{roleSource, 0}},
	"(*crypto/tls.Dialer).Dial":        {{roleSource, 0}},
	"(*crypto/tls.Dialer).DialContext": {{roleSource, 0}},

	// Std constructors that return a fresh client owning a new conn
	// (std is not analysed for facts: they must be listed here).
	"net/smtp.Dial":              {{roleSource, 0}},
	"net/rpc.Dial":               {{roleSource, 0}},
	"net/rpc.DialHTTP":           {{roleSource, 0}},
	"net/rpc.DialHTTPPath":       {{roleSource, 0}},
	"net/rpc/jsonrpc.Dial":       {{roleSource, 0}},
	"net/textproto.Dial":         {{roleSource, 0}},
	"(*net.Dialer).DialTCP":      {{roleSource, 0}},
	"(*net.Dialer).DialUnix":     {{roleSource, 0}},
	"(*net/http.Transport).Dial": {{roleBorrow, allArgs}},

	// HTTP responses: the caller must close Body.
	"net/http.Get": {{roleBody, 0}},
	// http.Head and Client.Head are not sources: a HEAD response has no
	// body, and the Transport reuses its connection at once.
	"net/http.Head":                     {{roleBorrow, allArgs}},
	"net/http.Post":                     {{roleBody, 0}},
	"net/http.PostForm":                 {{roleBody, 0}},
	"(*net/http.Client).Do":             {{roleBody, 0}, {roleBorrow, allArgs}},
	"(*net/http.Client).Get":            {{roleBody, 0}, {roleBorrow, allArgs}},
	"(*net/http.Client).Head":           {{roleBorrow, allArgs}},
	"(*net/http.Client).Post":           {{roleBody, 0}, {roleBorrow, allArgs}},
	"(*net/http.Client).PostForm":       {{roleBody, 0}, {roleBorrow, allArgs}},
	"(net/http.RoundTripper).RoundTrip": {{roleBody, 0}, {roleBorrow, allArgs}},
	"(*net/http.Transport).RoundTrip":   {{roleBody, 0}, {roleBorrow, allArgs}},
	"net/http/httputil.DumpResponse":    {{roleClose, 0}}, // drains and closes Body, then replaces it with a copy in memory
	"net/http/httputil.DumpRequest":     {{roleBorrow, allArgs}},
	"net/http/httputil.DumpRequestOut":  {{roleBorrow, allArgs}},
	"(*net/http.Response).Location":     {{roleBorrow, 0}},
	"(*net/http.Response).Cookies":      {{roleBorrow, 0}},
	"(*net/http.Response).ProtoAtLeast": {{roleBorrow, 0}},

	// Socket dups: closing the conn leaves the dup (and the socket) open.
	"(*net.conn).File":         {{roleDup, 0}, {roleBorrow, 0}}, // promoted to TCPConn, UnixConn, UDPConn, IPConn
	"(*net.TCPConn).File":      {{roleDup, 0}, {roleBorrow, 0}},
	"(*net.UnixConn).File":     {{roleDup, 0}, {roleBorrow, 0}},
	"(*net.UDPConn).File":      {{roleDup, 0}, {roleBorrow, 0}},
	"(*net.IPConn).File":       {{roleDup, 0}, {roleBorrow, 0}},
	"(*net.TCPListener).File":  {{roleDup, 0}, {roleBorrow, 0}},
	"(*net.UnixListener).File": {{roleDup, 0}, {roleBorrow, 0}},
	"net.FileListener":         {{roleBorrow, 0}},
	"net.FilePacketConn":       {{roleBorrow, 0}},
	// os.NewFile is a dup source only when its file reaches net.FileConn,
	// net.FileListener or net.FilePacketConn (see socketFileFuncs).
	"os.NewFile": {{roleDup, 0}},

	// Wrappers: closing the result closes the operand.
	"crypto/tls.Client":                   {{roleWrap, 0}},
	"crypto/tls.Server":                   {{roleWrap, 0}},
	"(*crypto/tls.Conn).NetConn":          {{roleWrap, 0}},
	"net/textproto.NewConn":               {{roleWrap, 0}},
	"net/rpc.NewClient":                   {{roleWrap, 0}},
	"net/rpc/jsonrpc.NewClient":           {{roleWrap, 0}},
	"net/smtp.NewClient":                  {{roleWrap, 0}},
	"net/http/httputil.NewClientConn":     {{roleWrap, 0}},
	"net/http/httputil.NewServerConn":     {{roleWrap, 0}},
	"net/rpc.ServeConn":                   {{roleTake, 0}},
	"(*net/rpc.Server).ServeConn":         {{roleTake, 1}},
	"net/rpc/jsonrpc.ServeConn":           {{roleTake, 0}},
	"(*net/http.Server).Serve":            {{roleBorrow, allArgs}},
	"(*crypto/tls.Conn).Handshake":        {{roleBorrow, 0}},
	"(*crypto/tls.Conn).HandshakeContext": {{roleBorrow, 0}},

	// Read views: reading them reads the operand; they own nothing.
	"bufio.NewReader":          {{roleView, 0}},
	"bufio.NewReaderSize":      {{roleView, 0}},
	"bufio.NewScanner":         {{roleView, 0}},
	"bufio.NewReadWriter":      {{roleView, 0}, {roleBorrow, 1}},
	"encoding/json.NewDecoder": {{roleView, 0}},
	"encoding/gob.NewDecoder":  {{roleView, 0}},
	"encoding/xml.NewDecoder":  {{roleView, 0}},
	"net/textproto.NewReader":  {{roleView, 0}},
	"io.LimitReader":           {{roleView, 0}},
	"io.TeeReader":             {{roleView, 0}, {roleBorrow, 1}},
	"io.NewSectionReader":      {{roleView, 0}},
	"compress/gzip.NewReader":  {{roleView, 0}},
	"compress/flate.NewReader": {{roleView, 0}},

	// Reads.
	"io.ReadFull":                               {{roleRead, 0}},
	"io.ReadAtLeast":                            {{roleRead, 0}},
	"encoding/binary.Read":                      {{roleRead, 0}},
	"net/http.ReadRequest":                      {{roleRead, 0}},
	"net/http.ReadResponse":                     {{roleRead, 0}, {roleBorrow, 1}},
	"(*bufio.Reader).Read":                      {{roleRead, 0}},
	"(*bufio.Reader).ReadByte":                  {{roleRead, 0}},
	"(*bufio.Reader).ReadBytes":                 {{roleRead, 0}},
	"(*bufio.Reader).ReadLine":                  {{roleRead, 0}},
	"(*bufio.Reader).ReadRune":                  {{roleRead, 0}},
	"(*bufio.Reader).ReadSlice":                 {{roleRead, 0}},
	"(*bufio.Reader).ReadString":                {{roleRead, 0}},
	"(*bufio.Reader).Peek":                      {{roleRead, 0}},
	"(*bufio.Reader).Discard":                   {{roleRead, 0}},
	"(*bufio.Scanner).Scan":                     {{roleRead, 0}},
	"(*encoding/json.Decoder).Decode":           {{roleRead, 0}},
	"(*encoding/json.Decoder).Token":            {{roleRead, 0}},
	"(*encoding/gob.Decoder).Decode":            {{roleRead, 0}},
	"(*encoding/gob.Decoder).DecodeValue":       {{roleRead, 0}},
	"(*encoding/xml.Decoder).Decode":            {{roleRead, 0}},
	"(*encoding/xml.Decoder).Token":             {{roleRead, 0}},
	"(*net/textproto.Reader).ReadLine":          {{roleRead, 0}},
	"(*net/textproto.Reader).ReadLineBytes":     {{roleRead, 0}},
	"(*net/textproto.Reader).ReadMIMEHeader":    {{roleRead, 0}},
	"(*net/textproto.Reader).ReadCodeLine":      {{roleRead, 0}},
	"(*net/textproto.Reader).ReadResponse":      {{roleRead, 0}},
	"(*net/textproto.Reader).ReadContinuedLine": {{roleRead, 0}},
	"(*net/textproto.Reader).ReadDotLines":      {{roleRead, 0}},
	"(*net/textproto.Reader).ReadDotBytes":      {{roleRead, 0}},
	"(*net/textproto.Conn).ReadResponse":        {{roleRead, 0}},
	"(*net/textproto.Conn).ReadLine":            {{roleRead, 0}},
	"(*net/textproto.Conn).ReadMIMEHeader":      {{roleRead, 0}},
	"(*net/textproto.Conn).ReadCodeLine":        {{roleRead, 0}},
	"(*net/textproto.Conn).ReadContinuedLine":   {{roleRead, 0}},
	"(*net/textproto.Conn).ReadDotLines":        {{roleRead, 0}},

	// Reads that end only at EOF or on an error: when they return, the
	// peer has finished sending (usually: it closed).
	"io.Copy":                 {{roleBorrow, 0}, {roleDrain, 1}},
	"io.CopyBuffer":           {{roleBorrow, 0}, {roleDrain, 1}},
	"io.CopyN":                {{roleBorrow, 0}, {roleRead, 1}},
	"io.ReadAll":              {{roleDrain, 0}},
	"(*bufio.Reader).WriteTo": {{roleDrain, 0}, {roleBorrow, 1}},

	// Borrowers: write to or inspect the operand, keep nothing.
	"fmt.Fprint":                         {{roleBorrow, allArgs}},
	"fmt.Fprintf":                        {{roleBorrow, allArgs}},
	"fmt.Fprintln":                       {{roleBorrow, allArgs}},
	"io.WriteString":                     {{roleBorrow, allArgs}},
	"encoding/binary.Write":              {{roleBorrow, allArgs}},
	"encoding/json.NewEncoder":           {{roleBorrow, allArgs}},
	"encoding/gob.NewEncoder":            {{roleBorrow, allArgs}},
	"encoding/xml.NewEncoder":            {{roleBorrow, allArgs}},
	"bufio.NewWriter":                    {{roleBorrow, allArgs}},
	"bufio.NewWriterSize":                {{roleBorrow, allArgs}},
	"net/textproto.NewWriter":            {{roleBorrow, allArgs}},
	"(*net/http.Request).Write":          {{roleBorrow, allArgs}},
	"(*net/http.Response).Write":         {{roleClose, 0}, {roleBorrow, 1}}, // sends the body, then closes it
	"(*net/http.Header).Write":           {{roleBorrow, allArgs}},
	"(net/http.Header).Write":            {{roleBorrow, allArgs}},
	"errors.Is":                          {{roleBorrow, allArgs}},
	"errors.As":                          {{roleBorrow, allArgs}},
	"(*crypto/tls.Conn).ConnectionState": {{roleBorrow, 0}},

	// Calls that never return.
	"os.Exit":                                      {{roleNoReturn, 0}},
	"syscall.Exit":                                 {{roleNoReturn, 0}},
	"runtime.Goexit":                               {{roleNoReturn, 0}},
	"log.Fatal":                                    {{roleNoReturn, 0}},
	"log.Fatalf":                                   {{roleNoReturn, 0}},
	"log.Fatalln":                                  {{roleNoReturn, 0}},
	"log.Panic":                                    {{roleNoReturn, 0}},
	"log.Panicf":                                   {{roleNoReturn, 0}},
	"log.Panicln":                                  {{roleNoReturn, 0}},
	"(*log.Logger).Fatal":                          {{roleNoReturn, 0}},
	"(*log.Logger).Fatalf":                         {{roleNoReturn, 0}},
	"(*log.Logger).Fatalln":                        {{roleNoReturn, 0}},
	"(*log.Logger).Panic":                          {{roleNoReturn, 0}},
	"(*log.Logger).Panicf":                         {{roleNoReturn, 0}},
	"(*log.Logger).Panicln":                        {{roleNoReturn, 0}},
	"(*testing.common).FailNow":                    {{roleNoReturn, 0}},
	"(*testing.common).Fatal":                      {{roleNoReturn, 0}},
	"(*testing.common).Fatalf":                     {{roleNoReturn, 0}},
	"(*testing.common).SkipNow":                    {{roleNoReturn, 0}},
	"(*testing.common).Skip":                       {{roleNoReturn, 0}},
	"(*testing.common).Skipf":                      {{roleNoReturn, 0}},
	"(testing.TB).FailNow":                         {{roleNoReturn, 0}},
	"(testing.TB).Fatal":                           {{roleNoReturn, 0}},
	"(testing.TB).Fatalf":                          {{roleNoReturn, 0}},
	"(testing.TB).SkipNow":                         {{roleNoReturn, 0}},
	"(testing.TB).Skip":                            {{roleNoReturn, 0}},
	"(testing.TB).Skipf":                           {{roleNoReturn, 0}},
	"(*go.uber.org/zap.Logger).Fatal":              {{roleNoReturn, 0}},
	"(*go.uber.org/zap.Logger).Panic":              {{roleNoReturn, 0}},
	"(*go.uber.org/zap.SugaredLogger).Fatal":       {{roleNoReturn, 0}},
	"(*go.uber.org/zap.SugaredLogger).Fatalf":      {{roleNoReturn, 0}},
	"(*go.uber.org/zap.SugaredLogger).Fatalw":      {{roleNoReturn, 0}},
	"github.com/sirupsen/logrus.Fatal":             {{roleNoReturn, 0}},
	"github.com/sirupsen/logrus.Fatalf":            {{roleNoReturn, 0}},
	"github.com/sirupsen/logrus.Fatalln":           {{roleNoReturn, 0}},
	"(*github.com/sirupsen/logrus.Logger).Fatal":   {{roleNoReturn, 0}},
	"(*github.com/sirupsen/logrus.Logger).Fatalf":  {{roleNoReturn, 0}},
	"(*github.com/sirupsen/logrus.Logger).Fatalln": {{roleNoReturn, 0}},
	"(*github.com/sirupsen/logrus.Entry).Fatal":    {{roleNoReturn, 0}},
	"(*github.com/sirupsen/logrus.Entry).Fatalf":   {{roleNoReturn, 0}},
	"k8s.io/klog.Fatal":                            {{roleNoReturn, 0}},
	"k8s.io/klog.Fatalf":                           {{roleNoReturn, 0}},
	"k8s.io/klog.Exit":                             {{roleNoReturn, 0}},
	"k8s.io/klog.Exitf":                            {{roleNoReturn, 0}},
	"k8s.io/klog/v2.Fatal":                         {{roleNoReturn, 0}},
	"k8s.io/klog/v2.Fatalf":                        {{roleNoReturn, 0}},
	"k8s.io/klog/v2.Exit":                          {{roleNoReturn, 0}},
	"k8s.io/klog/v2.Exitf":                         {{roleNoReturn, 0}},
}

// connMethodRoles describes methods called on a value that is known to be a
// conn (or a wrapper of one), by method name, for receivers whose methods
// have no fact and no table entry: interface methods of net.Conn and its
// usual extensions, and methods of std conn types. Each role applies to the
// receiver. A method not listed here, on a receiver of unknown type, makes
// the conn escape.
var connMethodRoles = map[string]role{
	"Close":              roleClose,
	"Quit":               roleClose, // (*smtp.Client).Quit closes the conn
	"Read":               roleRead,
	"Write":              roleBorrow,
	"LocalAddr":          roleBorrow,
	"RemoteAddr":         roleBorrow,
	"SetDeadline":        roleDeadline,
	"SetReadDeadline":    roleDeadline,
	"SetWriteDeadline":   roleBorrow,
	"CloseRead":          roleBorrow, // a half-close releases nothing
	"CloseWrite":         roleBorrow,
	"SetLinger":          roleBorrow,
	"SetKeepAlive":       roleBorrow,
	"SetKeepAlivePeriod": roleBorrow,
	"SetKeepAliveConfig": roleBorrow,
	"SetNoDelay":         roleBorrow,
	"SetReadBuffer":      roleBorrow,
	"SetWriteBuffer":     roleBorrow,
	"SyscallConn":        roleBorrow,
	"File":               roleBorrow, // the dup is filedup's business
	"ConnectionState":    roleBorrow,
	"Handshake":          roleBorrow,
	"HandshakeContext":   roleBorrow,
	"VerifyHostname":     roleBorrow,
	"OCSPResponse":       roleBorrow,
	"WriteTo":            roleBorrow,
	"ReadFrom":           roleBorrow, // reads its argument, writes the conn
	"MultipathTCP":       roleBorrow,
	"ReadFromUDP":        roleRead,
	"ReadMsgUDP":         roleRead,
	"ReadFromUnix":       roleRead,
	"ReadMsgUnix":        roleRead,
	"ReadFromIP":         roleRead,
	"ReadMsgIP":          roleRead,
}

// connPkgs are the packages whose conn and wrapper types' methods are
// described by connMethodRoles; their other methods borrow the receiver.
var connPkgs = map[string]bool{
	"net": true, "crypto/tls": true, "net/textproto": true, "os": true,
	"net/rpc": true, "net/smtp": true, "net/http/httputil": true,
}

// socketFileFuncs take an *os.File holding a socket and dup it: the file
// must still be closed by the caller.
var socketFileFuncs = map[string]bool{
	"net.FileConn":       true,
	"net.FileListener":   true,
	"net.FilePacketConn": true,
}
