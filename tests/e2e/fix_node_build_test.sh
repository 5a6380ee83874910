#!/usr/bin/env bash
# End to end: `ballast fix --multi-stage --verify` on the Node build fixture
# (tests/unit/fix/fixtures/node_typescript: `npm ci`, then `npx tsc` from the
# devDependency typescript into dist/, CMD node dist/server.js; --omit=dev
# cannot be used because the build needs typescript). The fix makes a builder
# stage that ends in `npm prune --omit=dev` and a runtime stage with the app
# directory copied from it. The base is lib/node_base.sh's (Debian's nodejs
# and npm on the debootstrap base), the packages come from the npm registry.
# The checks are lib/fix_verify.sh's, from the engine (same output of
# `node dist/server.js`, typescript in the original image and not in the
# fixed one, sizes, a second fix is a no-op); here also: ms, the dependency,
# and the compiled dist/server.js are in the fixed image; the fixed file has
# two stages; the engine-measured saving is at least the prediction.
# Usage: fix_node_build_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
source "$here/lib/fix_verify.sh"
source "$here/lib/node_base.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-node-build
rm -rf "$work"
mkdir -p "$work"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$(e2e_debian_engine_root "$build")"
e2e_trim_engine
e2e_docker image inspect e2e/debian-minbase >/dev/null 2>&1 || e2e_docker import "$base_tar" e2e/debian-minbase >/dev/null
e2e_node_base "$work/base"

fail() { echo "FAIL: $*" >&2; exit 1; }
kept_images() {  # the fixed image keeps what the app needs at run time
  local prefix=$1 app=/usr/src/app
  e2e_docker run --rm "$prefix:after" sh -c "test -f $app/node_modules/ms/package.json && test -f $app/dist/server.js" ||
    fail "ms or dist/server.js missing from the fixed image"
  e2e_docker run --rm "$prefix:before" test -f "$app/node_modules/typescript/package.json" ||
    fail "control: typescript is not in the original image"
}
e2e_docker rmi fixnodebuild:before fixnodebuild:after >/dev/null 2>&1 || true  # a failed run's kept tags
cp -r "$here/../unit/fix/fixtures/node_typescript" "$work/ctx"
E2E_FIX_VERIFY_AFTER=kept_images FV_PREFIX=fixnodebuild FV_SMOKE="node dist/server.js" FV_EXPECTED="1m" \
  FV_CHANGED=src/server.ts FV_GONE="test -d /usr/src/app/node_modules/typescript" FV_FASTER=no FV_CHANGE=BA1018 \
  FV_PREDICTED=BA1018/image.node-dev-dependencies e2e_fix_verify "$ballast" "$work" "$work/ctx" --multi-stage
[ "$(grep -c '^FROM ' "$work/ctx/Dockerfile")" -eq 2 ] || fail "the fixed Dockerfile does not have two stages"
grep -q 'npm prune --omit=dev' "$work/ctx/Dockerfile" || fail "no npm prune in the fixed Dockerfile"
sb=$(jq .totals.stored_bytes "$work/before.json"); sa=$(jq .totals.stored_bytes "$work/after.json")
pred=$(jq .verify.predicted_bytes "$work/verify.json")
[ $((sb - sa)) -ge "$pred" ] || fail "saved $((sb - sa)) bytes, less than the predicted $pred"
echo "fix_node_build_test: OK"
