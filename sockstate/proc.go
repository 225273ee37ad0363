package sockstate

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// Self returns the TCP sockets the calling process holds, as [Sockets] does.
func Self() ([]Socket, error) {
	return Sockets(os.Getpid())
}

// procSockets implements [Sockets] over fsys, a view of /proc: it returns
// the rows of <pid>/net/tcp{,6} whose inode is the target of a
// socket:[inode] link in <pid>/fd, sorted by [Compare].
func procSockets(fsys fs.FS, pid int) ([]Socket, error) {
	if pid <= 0 {
		return nil, fmt.Errorf("sockstate: invalid pid %d", pid)
	}
	// Read the descriptors first: a socket closed after this shows inode 0
	// or no row at all, so it cannot be reported by mistake.
	inodes, err := socketInodes(fsys, strconv.Itoa(pid)+"/fd")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("sockstate: no process with pid %d: %w", pid, procPath(err))
	}
	if err != nil {
		return nil, fmt.Errorf("sockstate: pid %d: %w", pid, procPath(err))
	}
	all, err := procAll(fsys, pid)
	if err != nil {
		return nil, err
	}
	own := all[:0]
	for _, s := range all {
		if s.Inode != 0 && inodes[s.Inode] {
			own = append(own, s)
		}
	}
	return own, nil
}

// procAll implements [All] over fsys: every row of <pid>/net/tcp and
// <pid>/net/tcp6, the tables of pid's network namespace, sorted by
// [Compare]. A missing tcp6 table (IPv6 disabled) is no error.
func procAll(fsys fs.FS, pid int) ([]Socket, error) {
	if pid <= 0 {
		return nil, fmt.Errorf("sockstate: invalid pid %d", pid)
	}
	var all []Socket
	for _, table := range []string{"tcp", "tcp6"} {
		name := strconv.Itoa(pid) + "/net/" + table
		socks, err := readTable(fsys, name)
		if errors.Is(err, fs.ErrNotExist) && table == "tcp6" {
			continue // no IPv6 in this kernel or namespace
		}
		if err != nil {
			return nil, err
		}
		all = append(all, socks...)
	}
	all = dedupe(all)
	sortSockets(all)
	return all, nil
}

// dedupe drops repeated rows, keeping the last of each. The kernel writes
// a socket table a page per read call and resumes by position, so a table
// read while sockets come and go can show a socket twice (or miss one; see
// the retries of the test helpers). A socket is known by its inode, or by
// its addresses when it has none; the last row is the most recent reading.
func dedupe(socks []Socket) []Socket {
	seenInode := make(map[uint64]bool, len(socks))
	seenTuple := make(map[tuple]bool)
	out := make([]Socket, 0, len(socks))
	for i := len(socks) - 1; i >= 0; i-- {
		s := socks[i]
		if s.Inode != 0 {
			if seenInode[s.Inode] {
				continue
			}
			seenInode[s.Inode] = true
		} else {
			key := tuple{s.Net, s.Local, s.Remote}
			if seenTuple[key] {
				continue
			}
			seenTuple[key] = true
		}
		out = append(out, s)
	}
	return out
}

// readTable parses one socket table of fsys.
func readTable(fsys fs.FS, name string) ([]Socket, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("sockstate: %w", procPath(err))
	}
	defer f.Close()
	// The kernel prints addresses in the byte order of the machine.
	return parse(f, "/proc/"+name, binary.NativeEndian)
}

// socketInodes returns the inodes of the sockets the descriptors in dir
// (a /proc/<pid>/fd directory) refer to.
func socketInodes(fsys fs.FS, dir string) (map[uint64]bool, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	inodes := make(map[uint64]bool, len(ents))
	for _, e := range ents {
		target, err := fs.ReadLink(fsys, dir+"/"+e.Name())
		if errors.Is(err, fs.ErrNotExist) {
			continue // closed since ReadDir
		}
		if err != nil {
			return nil, err
		}
		if ino, ok := socketInode(target); ok {
			inodes[ino] = true
		}
	}
	return inodes, nil
}

// socketInode returns the inode of a descriptor link target of the form
// "socket:[12345]"; ok is false for any other target (files, pipes, ...).
func socketInode(target string) (ino uint64, ok bool) {
	num, ok := strings.CutPrefix(target, "socket:[")
	if !ok {
		return 0, false
	}
	num, ok = strings.CutSuffix(num, "]")
	if !ok {
		return 0, false
	}
	ino, err := strconv.ParseUint(num, 10, 64)
	if err != nil {
		return 0, false
	}
	return ino, true
}

// procPath makes the path of a *fs.PathError, relative to the /proc file
// system, absolute, so that messages name the real file.
func procPath(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) || strings.HasPrefix(pe.Path, "/") {
		return err
	}
	return &fs.PathError{Op: pe.Op, Path: "/proc/" + pe.Path, Err: pe.Err}
}
