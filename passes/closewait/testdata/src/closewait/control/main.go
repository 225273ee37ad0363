package control

import "net"

// main of a non-main package is an ordinary function.
func main() {
	c, err := net.Dial("tcp", "127.0.0.1:1") // want `conn c from net.Dial is never closed`
	if err != nil {
		return
	}
	c.Write(nil)
}
