// Package client is written for Go 1.21 (see go.mod): closewait, built
// with a newer Go, analyses code of older language versions. It also
// exercises //closewait:ignore and generated files outside analysistest.
package client

import (
	"bufio"
	"net"
	"sync"
)

// FetchAll dials every address in parallel. Before Go 1.22 each
// iteration shares addr, hence the copy: the Go 1.21 idiom.
func FetchAll(addrs []string) []string {
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		lines []string
	)
	for _, addr := range addrs {
		addr := addr // Go 1.21: one variable per loop otherwise
		wg.Add(1)
		go func() {
			defer wg.Done()
			if line, err := fetch(addr); err == nil {
				mu.Lock()
				lines = append(lines, line)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return lines
}

// fetch leaks c when the read fails: reported.
func fetch(addr string) (string, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "", err
	}
	return line, c.Close()
}

// Probe leaks the same way, on purpose: suppressed with a reason.
func Probe(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := bufio.NewReader(c).ReadString('\n'); err != nil {
		//closewait:ignore closewait the process exits right after a failed probe
		return err
	}
	return c.Close()
}

// Ping closes c on every path; the directive is left over and is
// reported only with -connleak.unused-ignores.
func Ping(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	//closewait:ignore connleak closed by the deferred call above
	_, err = c.Write([]byte("ping\n"))
	return err
}
