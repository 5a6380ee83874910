#!/usr/bin/env bash
# End to end: `ballast fix --verify` on the Node service fixture
# (tests/unit/fix/fixtures/node_service: `COPY . .` before `npm install`,
# npm's cache left, and typescript, a devDependency, in the final image).
# The base the Dockerfile names (node:20-bookworm-slim) is lib/node_base.sh's:
# the debootstrap base plus Debian's nodejs and npm. The packages come from
# the npm registry, as the lock file says. The engine is the suites' shared
# one (lib/debian_base.sh); fix --verify's own builds are cold.
# The checks are lib/fix_verify.sh's, from the engine: typescript is in the
# original and not in the fixed image; the fixed file rebuilds faster after
# server.js changes (npm's install stays cached behind the manifests).
# Usage: fix_node_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
source "$here/lib/fix_verify.sh"
source "$here/lib/node_base.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-node
rm -rf "$work"
mkdir -p "$work/base"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$(e2e_debian_engine_root "$build")"
e2e_trim_engine
e2e_docker image inspect e2e/debian-minbase >/dev/null 2>&1 || e2e_docker import "$base_tar" e2e/debian-minbase >/dev/null

e2e_node_base "$work/base"

e2e_docker rmi fixnode:before fixnode:after >/dev/null 2>&1 || true  # a failed run's kept tags
cp -r "$here/../unit/fix/fixtures/node_service" "$work/ctx"
FV_PREFIX=fixnode FV_SMOKE="node server.js" FV_EXPECTED="1m" FV_CHANGED=server.js \
  FV_GONE="test -d /usr/src/app/node_modules/typescript" FV_FASTER=yes FV_CHANGE=BA1018 \
  FV_PREDICTED=BA1018/image.node-dev-dependencies e2e_fix_verify "$ballast" "$work" "$work/ctx"
echo "fix_node_test: OK"
