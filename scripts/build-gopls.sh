#!/usr/bin/env bash
# Build gopls with closewait's checks compiled in, so that an editor shows
# closewait's findings (and quick fixes) as you type.
#
# This is a WORKAROUND. gopls cannot load third-party analyzers: its list
# is fixed at compile time, and golang/go#59869 ("x/tools/gopls: move
# analyzers to an extensible sidecar") is still open. Until it lands, the
# only way is to patch gopls' analyzer list and build it yourself, for
# each gopls release you want.
#
# The script copies gopls from the module cache (module proxy only, no
# git), adds every analyzer of analyzer.Suite (this checkout, through a
# replace directive) to gopls' list (internal/settings/analysis.go),
# keeps golang.org/x/tools at the version gopls itself requires (gopls
# uses its internals), and builds.
#
# Usage: scripts/build-gopls.sh [OUTPUT]
#   OUTPUT                  the binary (default: $(go env GOPATH)/bin/gopls-closewait)
#   GOPLS_VERSION           gopls version (default: v0.23.0, the newest that
#                           builds with Go 1.26; v0.24.0 needs Go 1.27)
#   CLOSEWAIT_GOPLS_WORK    where to put the patched source (default:
#                           ${TMPDIR:-/tmp}/closewait-gopls-src)
#
# Then point your editor at the binary, e.g. in VS Code:
#   "go.alternateTools": {"gopls": "/abs/path/gopls-closewait"}
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
version=${GOPLS_VERSION:-v0.23.0}
out=${1:-$(go env GOPATH)/bin/gopls-closewait}
case $out in /*) ;; *) out=$PWD/$out ;; esac
work=${CLOSEWAIT_GOPLS_WORK:-${TMPDIR:-/tmp}/closewait-gopls-src}
export GOWORK=off GOFLAGS=${GOFLAGS:-}

src=$(cd "$root" && go mod download -json "golang.org/x/tools/gopls@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ ! -d "$src" ]; then
	echo "build-gopls: cannot download golang.org/x/tools/gopls@$version" >&2
	exit 1
fi
rm -rf "$work"
mkdir -p "$(dirname "$work")" "$(dirname "$out")"
cp -r "$src" "$work"
chmod -R u+w "$work"
cd "$work"

# The x/tools version gopls was released with.
xtools=$(awk '$1 == "golang.org/x/tools" && $2 ~ /^v/ { print $2; exit }' go.mod)

# Register the suite after gopls' own analyzers (and staticcheck's).
cat > internal/settings/closewait.go <<'GO'
// Patched in by closewait's scripts/build-gopls.sh: not part of gopls.

package settings

import (
	"github.com/closewait/closewait/analyzer"
	"golang.org/x/tools/gopls/internal/protocol"
)

// closewaitAnalyzers returns closewait's checks, enabled by default.
func closewaitAnalyzers() []*Analyzer {
	var res []*Analyzer
	for _, a := range analyzer.Suite {
		res = append(res, &Analyzer{analyzer: a, severity: protocol.SeverityWarning})
	}
	return res
}
GO
anchor='return append(res, staticcheckAnalyzers()...)'
if ! grep -qF "$anchor" internal/settings/analysis.go; then
	echo "build-gopls: gopls $version has no '$anchor' in internal/settings/analysis.go; update the patch" >&2
	exit 1
fi
sed -i "s/return append(res, staticcheckAnalyzers()...)/return append(append(res, staticcheckAnalyzers()...), closewaitAnalyzers()...)/" internal/settings/analysis.go

go mod edit \
	-require=github.com/closewait/closewait@v0.0.0 \
	-replace="github.com/closewait/closewait=$root" \
	-replace="golang.org/x/tools=golang.org/x/tools@$xtools"
go mod tidy
go build -trimpath -o "$out" .
echo "built $out (gopls $version with closewait's analyzer.Suite; x/tools pinned to $xtools)"
