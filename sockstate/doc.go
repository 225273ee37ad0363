// Package sockstate reports the TCP sockets a process holds and the state
// each one is in, read from Linux's /proc. It is the runtime companion of the
// closewait linter: what the linter flags at compile time (a conn not closed
// after the peer hung up) shows up here as a socket stuck in CLOSE_WAIT.
//
// # Reading sockets
//
// [Sockets] lists the sockets of one process, [Self] those of the calling
// process and [All] every TCP socket of the calling process's network
// namespace. They read /proc/<pid>/net/tcp and /proc/<pid>/net/tcp6 (the
// kernel's socket tables) and keep the rows whose inode matches a
// socket:[inode] link under /proc/<pid>/fd. [Parse] is the pure parser of
// those tables, usable on any io.Reader.
//
// A socket belongs to a process only while one of its file descriptors
// refers to it. Sockets the kernel keeps after the last close (TIME_WAIT,
// and FIN_WAIT1, FIN_WAIT2, CLOSING or LAST_ACK once closed) show inode 0
// and cannot be attributed to any process: [Sockets] never reports them, [All]
// does. A CLOSE_WAIT socket, in contrast, always has a descriptor: the state
// ends only when the program calls close.
//
// The listing is not atomic. The descriptor table and the socket tables are
// read one after the other, so a socket opened or closed meanwhile may be
// missed; and the kernel writes a socket table a page per read, so a table
// read while other sockets come and go can repeat a row (Sockets and All
// drop repeats) or skip one. The test helpers therefore retry, and trust a
// result only when two readings in a row agree.
//
// Reading sockets is implemented on Linux only; elsewhere the functions
// return an error for which errors.Is(err, errors.ErrUnsupported) holds, and
// the test helpers skip the test.
//
// # Test helpers
//
// Like goleak does for goroutines, [VerifyNoCloseWait], [VerifyNone] and
// [Snapshot] check at the end of a test that it left no socket behind:
//
//	func TestServer(t *testing.T) {
//		defer sockstate.VerifyNoCloseWait(t)
//		// ... start a server on 127.0.0.1:0, connect, hang up ...
//	}
//
// They retry for a short while (one second by default, see [MaxWait])
// because closing is asynchronous: a handler goroutine may still be on its
// way to Close when the test body returns. [Count] and [WaitCount] give
// numbers to tests that want to assert how many sockets are in a state.
//
// Note that Go closes the descriptor of a conn that became unreachable when
// the garbage collector finalizes it, so a leak can disappear at the next
// GC. A test that counts leaked sockets must keep the conns reachable, or
// hold the collector off while it counts.
package sockstate
