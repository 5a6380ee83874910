#!/usr/bin/env bash
# End to end: `ballast fix --verify` on the Node service fixture
# (tests/unit/fix/fixtures/node_service: `COPY . .` before `npm install`,
# npm's cache left, and typescript, a devDependency, in the final image).
# The base the Dockerfile names (node:20-bookworm-slim) is made here: the
# debootstrap base plus Debian's nodejs and npm, and the machine's CA bundle
# for npm (NODE_EXTRA_CA_CERTS: a TLS-intercepting proxy's CA where there is
# one). The packages come from the npm registry, as the lock file says.
# The engine is the suites' shared one (lib/debian_base.sh): its build cache
# keeps the nodejs/npm layer between runs; fix --verify's own builds are cold.
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
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-node
rm -rf "$work"
mkdir -p "$work/base"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$(e2e_debian_engine_root "$build")"
e2e_trim_engine
e2e_docker image inspect e2e/debian-minbase >/dev/null 2>&1 || e2e_docker import "$base_tar" e2e/debian-minbase >/dev/null

ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
if [ -f "$ca" ]; then cp "$ca" "$work/base/machine-ca.crt"; else : >"$work/base/machine-ca.crt"; fi
cat >"$work/base/Dockerfile" <<'DOCKERFILE'
FROM e2e/debian-minbase
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY machine-ca.crt /etc/ssl/certs/machine-ca.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/machine-ca.crt
DOCKERFILE
start=$(date +%s)
e2e_docker build -q -t node:20-bookworm-slim "$work/base" >/dev/null || e2e_skip_or_fail "the Node base does not build (Debian mirror?)"
echo "--- node base: $(($(date +%s) - start)) s"
e2e_docker run --rm node:20-bookworm-slim sh -c 'cd /tmp && npm view ms@2.1.3 version' >/dev/null 2>&1 ||
  e2e_skip_or_fail "the npm registry is not reachable from a container"

e2e_docker rmi fixnode:before fixnode:after >/dev/null 2>&1 || true  # a failed run's kept tags
cp -r "$here/../unit/fix/fixtures/node_service" "$work/ctx"
FV_PREFIX=fixnode FV_SMOKE="node server.js" FV_EXPECTED="1m" FV_CHANGED=server.js \
  FV_GONE="test -d /usr/src/app/node_modules/typescript" FV_FASTER=yes FV_CHANGE=BA1018 \
  FV_PREDICTED=BA1008/image.cache.npm e2e_fix_verify "$ballast" "$work" "$work/ctx"
echo "fix_node_test: OK"
