package fileset

import (
	"net/http"
	"time"
)

// configure sets the timeouts of any server given to it.
func configure(x any) {
	if s, ok := x.(*http.Server); ok {
		s.ReadHeaderTimeout = 5 * time.Second
		s.IdleTimeout = time.Minute
	}
}
