// Package good is well-formed: its one leak must be reported even though
// other packages of the module are broken.
package good

import "net"

// Echo returns on a read error without closing c.
func Echo(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 64)
	n, err := c.Read(buf)
	if err != nil {
		return err // want: closewait
	}
	_, err = c.Write(buf[:n])
	c.Close()
	return err
}
