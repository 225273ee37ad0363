package knowledge

import "slices"

// What net/http (and x/net/http2) do, for the httpclient check.

// IsClientRequestMethod reports whether an *http.Client method named name
// sends a request (and so may wait for a response without a deadline).
func IsClientRequestMethod(name string) bool {
	switch name {
	case "Do", "Get", "Head", "Post", "PostForm":
		return true
	}
	return false
}

// IsDefaultClientFunc reports whether the net/http function named name
// sends a request through http.DefaultClient.
func IsDefaultClientFunc(name string) bool {
	return name != "Do" && IsClientRequestMethod(name)
}

// The net/http functions that build a request.
const (
	NewRequest            = "NewRequest"
	NewRequestWithContext = "NewRequestWithContext"
)

// IsServeFunc reports whether the net/http function named name serves
// through a Server with no timeouts (http.ListenAndServe and friends).
func IsServeFunc(name string) bool {
	switch name {
	case "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS":
		return true
	}
	return false
}

// IsHTTP2Configure reports whether the x/net/http2 function named name
// configures an http.Transport for HTTP/2 (and so uses it).
func IsHTTP2Configure(name string) bool {
	return name == "ConfigureTransport" || name == "ConfigureTransports"
}

// serverTimeouts are the http.Server fields that bound a conn's time.
var serverTimeouts = []string{"ReadHeaderTimeout", "ReadTimeout", "IdleTimeout"}

// ServerTimeouts returns the http.Server fields that bound a conn's time,
// in a fixed order.
func ServerTimeouts() []string { return slices.Clone(serverTimeouts) }

// IsServerTimeout reports whether name is one of ServerTimeouts.
func IsServerTimeout(name string) bool { return slices.Contains(serverTimeouts, name) }

// NewRequestMethodArg returns, for a function that builds an
// *http.Request, the operand that holds the request's method.
func NewRequestMethodArg(fullName string) (int, bool) {
	switch fullName {
	case "net/http.NewRequest":
		return 0, true
	case "net/http.NewRequestWithContext":
		return 1, true
	}
	return 0, false
}

// MethodHead is the method of a request whose response has no body: the
// Transport reuses its connection at once, and there is nothing to close.
const MethodHead = "HEAD"

// RequestType names *http.Request, and MethodField its method field.
const (
	RequestType = "Request"
	MethodField = "Method"
)
