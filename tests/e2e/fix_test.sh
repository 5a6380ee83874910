#!/usr/bin/env bash
# End to end: `ballast fix --write` against the real engine (the test's own
# dockerd, a busybox base imported from Debian's busybox-static, no registry).
# A Dockerfile with BA1010 (chmod -R over a 4 MiB copy), BA4021 (ADD of a
# plain file) and BA4005 (shell-form CMD) is fixed; both versions are built.
# Oracles: the engine runs both images with the same stdout and exit code and
# the same modes/owners under /app (`ls -lnR`); the engine's own image size
# (`docker image inspect .Size`) drops by at least the 4 MiB the chmod -R
# layer duplicated, and ballast's analysis agrees (stored bytes, one layer
# fewer); a second fix changes nothing (--exit-code 0), the first said 1.
# Usage: fix_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix
rm -rf "$work"
mkdir -p "$work/ctx"
e2e_start_dockerd "$work/engine"
e2e_busybox_base fixbb:base

ctx=$work/ctx
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM fixbb:base
WORKDIR /app
# the application and its data
COPY . /app
RUN chmod -R 755 /app
ADD notes.txt /notes.txt
CMD cat /app/hello.txt /notes.txt
DOCKERFILE
echo "hello from the fixture" >"$ctx/hello.txt"
echo "notes" >"$ctx/notes.txt"
head -c 4194304 /dev/urandom >"$ctx/data.bin"
cp "$ctx/Dockerfile" "$work/Dockerfile.orig"
# No `# syntax` line: it would pull the frontend from a registry; the engine's
# built-in frontend takes COPY --chmod.
printf 'lint:\n  ignore: [BA2003]\n' >"$work/fix.yaml"

fail() { echo "FAIL: $*" >&2; exit 1; }

set +e
"$ballast" fix --config "$work/fix.yaml" --exit-code --write "$ctx/Dockerfile" >"$work/summary.txt"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "first fix --exit-code: $rc, expected 1"
for id in BA1010 BA4021 BA4005; do
  grep -q ": $id: " "$work/summary.txt" || fail "no $id change: $(cat "$work/summary.txt")"
done
grep -q "# the application and its data" "$ctx/Dockerfile" || fail "comment lost"
"$ballast" fix --config "$work/fix.yaml" --exit-code "$ctx/Dockerfile" >/dev/null 2>&1 || fail "second fix is not a no-op"
echo "--- fixed Dockerfile"; cat "$ctx/Dockerfile"

e2e_docker build -q -t fix:before -f "$work/Dockerfile.orig" "$ctx" >/dev/null
e2e_docker build -q -t fix:after -f "$ctx/Dockerfile" "$ctx" >/dev/null

set +e
before_out=$(e2e_docker run --rm fix:before); before_rc=$?
after_out=$(e2e_docker run --rm fix:after); after_rc=$?
set -e
[ "$before_rc" -eq "$after_rc" ] || fail "exit codes differ: $before_rc vs $after_rc"
[ "$before_out" = "$after_out" ] || fail "outputs differ: '$before_out' vs '$after_out'"
[ -n "$before_out" ] || fail "empty smoke output"
ls_before=$(e2e_docker run --rm fix:before ls -lnR /app | sed 's/  */ /g' | cut -d' ' -f1,3,4,5,9)
ls_after=$(e2e_docker run --rm fix:after ls -lnR /app | sed 's/  */ /g' | cut -d' ' -f1,3,4,5,9)
[ "$ls_before" = "$ls_after" ] || fail "modes or owners differ: $ls_before // $ls_after"

size_before=$(e2e_docker image inspect --format '{{.Size}}' fix:before)
size_after=$(e2e_docker image inspect --format '{{.Size}}' fix:after)
[ $((size_before - size_after)) -ge 4194304 ] || fail "engine size $size_before -> $size_after: less than 4 MiB saved"

"$ballast" analyze docker-daemon:fix:before --format json >"$work/before.json"
"$ballast" analyze docker-daemon:fix:after --format json >"$work/after.json"
sb=$(jq .totals.stored_bytes "$work/before.json"); sa=$(jq .totals.stored_bytes "$work/after.json")
lb=$(jq .totals.layers "$work/before.json"); la=$(jq .totals.layers "$work/after.json")
[ $((sb - sa)) -ge 4194304 ] || fail "ballast stored bytes $sb -> $sa: less than 4 MiB saved"
[ "$la" -eq $((lb - 1)) ] || fail "layers $lb -> $la: expected one fewer"
printf '| image | engine size | stored (ballast) | layers |\n|---|---|---|---|\n'
printf '| before | %s | %s | %s |\n| after | %s | %s | %s |\n' "$size_before" "$sb" "$lb" "$size_after" "$sa" "$la"
echo "fix_test: OK"
