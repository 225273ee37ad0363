// Package httpbody shows the HTTP client's version of the CLOSE_WAIT leak:
// a response whose Body is never closed.
//
// The Transport keeps the connection of a response until its body has been
// read to the end or closed; until then the conn can be neither reused nor
// closed, and a goroutine of the Transport waits on it. When the server
// then closes its side (it does not keep connections alive, or its idle
// timeout fires), the client's socket moves to CLOSE_WAIT and stays there:
// one socket, one descriptor and two goroutines per request, for the life
// of the process. Closing the body (after reading it, so that a keep-alive
// conn can be reused) gives the conn back to the Transport, which closes it
// when the server asked to.
//
// [StatusBuggy] has the bug; [StatusFixed] closes the body.
package httpbody
