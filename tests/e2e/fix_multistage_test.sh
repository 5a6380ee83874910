#!/usr/bin/env bash
# End to end: `ballast fix --multi-stage --verify` on the C fixture
# (tests/unit/fix/fixtures/c_program: gcc, libc6-dev and make from Debian's
# apt, built and run in one stage, CRLF line endings): ballast builds the
# original and the fixed file with the test's own dockerd on the debootstrap
# base (lib/debian_base.sh), smoke-tests both and writes the fix.
# Oracles, from the engine: both images print the same line with the same
# exit code; the engine's own image size drops by more than half (the
# toolchain stays in the builder) and ballast's separate analyses agree, as
# do fix --verify's own figures; the saving is at least 95 % of what analyze
# predicted (image.build-toolchain); the fixed image has no gcc; a second fix
# changes nothing. The Python and Node fixtures are not built here: pip
# wheels and npm would make this suite slower than its 2-minute budget.
# Usage: fix_multistage_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-multistage
rm -rf "$work"
mkdir -p "$work"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$work/engine"
e2e_docker import "$base_tar" debian:bookworm-slim >/dev/null

fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$here/../unit/fix/fixtures/c_program" "$work/ctx"
ctx=$work/ctx
rm -f "$ctx"/expected*.diff  # the unit test's goldens, not part of the project
cp "$ctx/Dockerfile" "$work/Dockerfile.orig"
touch -d '1 minute' "$ctx/hello.c"  # the source file a developer edits last: the warm rebuild's change
printf 'lint:\n  ignore: [BA2003]\n' >"$work/fix.yaml"

# ballast builds both itself: fix --verify (the original and the fixed file,
# cold and after a change of one source file), smoke test, --write only
# because it is recommended; --keep leaves the two tags for the checks below.
# The docker CLI it runs is the one on PATH: Debian's 20.10 client first,
# talking to this test's dockerd (DOCKER_HOST).
mkdir -p "$work/bin"
ln -s "$E2E_DOCKER" "$work/bin/docker"
export PATH="$work/bin:$PATH"
start=$(date +%s)
"$ballast" fix --config "$work/fix.yaml" --multi-stage --verify --keep --tag-prefix fixc --smoke hello \
  --format json --write "$ctx/Dockerfile" >"$work/verify.json" || fail "fix --verify: exit $?"
echo "--- fix --verify --multi-stage: $(($(date +%s) - start)) s"
v() { jq -r ".verify$1" "$work/verify.json"; }
[ "$(v .recommended)" = true ] || fail "not recommended: $(v .verdict)"
[ "$(v .smoke.passed)" = true ] || fail "smoke: $(v .smoke.reason)"
[ "$(jq -r .written "$work/verify.json")" = true ] || fail "a recommended fix with --write was not written"
jq -r '.changes[].ids[]' "$work/verify.json" | grep -qx BA1012 || fail "no BA1012 multi-stage change"
grep -q $'\r$' "$ctx/Dockerfile" || fail "CRLF lost"
"$ballast" fix --config "$work/fix.yaml" --multi-stage --exit-code "$ctx/Dockerfile" >/dev/null 2>&1 ||
  fail "second fix is not a no-op"
echo "--- fixed Dockerfile"; tr -d '\r' <"$ctx/Dockerfile"
# The kept tags are the images ballast measured.
for side in before after; do
  [ "$(e2e_docker image inspect --format '{{.Id}}' "fixc:$side")" = "$(v ".$side.image_id")" ] ||
    fail "fixc:$side is not the measured image"
done

set +e
before_out=$(e2e_docker run --rm fixc:before); before_rc=$?
after_out=$(e2e_docker run --rm fixc:after); after_rc=$?
set -e
[ "$before_rc" -eq "$after_rc" ] || fail "exit codes differ: $before_rc vs $after_rc"
[ "$before_out" = "hello from ballast" ] || fail "before: '$before_out'"
[ "$before_out" = "$after_out" ] || fail "outputs differ: '$before_out' vs '$after_out'"
if e2e_docker run --rm fixc:after sh -c 'command -v gcc'; then fail "gcc still in the runtime image"; fi
e2e_docker run --rm fixc:before sh -c 'command -v gcc' >/dev/null || fail "control: gcc missing before"

size_before=$(e2e_docker image inspect --format '{{.Size}}' fixc:before)
size_after=$(e2e_docker image inspect --format '{{.Size}}' fixc:after)
[ $((size_after * 2)) -lt "$size_before" ] || fail "engine size $size_before -> $size_after: not halved"
"$ballast" analyze docker-daemon:fixc:before --format json >"$work/before.json"
"$ballast" analyze docker-daemon:fixc:after --format json >"$work/after.json"
sb=$(jq .totals.stored_bytes "$work/before.json"); sa=$(jq .totals.stored_bytes "$work/after.json")
fb=$(jq .totals.final_bytes "$work/before.json"); fa=$(jq .totals.final_bytes "$work/after.json")
lb=$(jq .totals.layers "$work/before.json"); la=$(jq .totals.layers "$work/after.json")
[ $((sa * 2)) -lt "$sb" ] || fail "ballast stored bytes $sb -> $sa: not halved"
# fix --verify's own figures agree with the separate analyses, and the saving
# is at least what analyze predicted for BA1012 (the build toolchain), within 5 %.
[ "$(v .measured.stored_bytes_saved)" -eq $((sb - sa)) ] || fail "measured.stored_bytes_saved $(v .measured.stored_bytes_saved), analyses $((sb - sa))"
pred=$(v .predicted_bytes)
jq -e '.verify.predicted[] | select(.rule == "BA1012" and .finding == "image.build-toolchain")' "$work/verify.json" >/dev/null ||
  fail "no BA1012 prediction: $(jq -c .verify.predicted "$work/verify.json")"
[ "$pred" -gt 100000000 ] || fail "predicted $pred"
[ $(((sb - sa) * 100)) -ge $((pred * 95)) ] || fail "saved $((sb - sa)), less than 95% of the predicted $pred"
[ "$(v .changed_file)" = hello.c ] || fail "warm rebuild changed $(v .changed_file)"
printf '| image | engine size | stored (ballast) | final (ballast) | layers | cold build s | warm rebuild s (hello.c changed) |\n|---|---|---|---|---|---|---|\n'
printf '| before | %s | %s | %s | %s | %s | %s |\n' "$size_before" "$sb" "$fb" "$lb" "$(v .before.cold_build_seconds)" "$(v .before.warm_build_seconds)"
printf '| after | %s | %s | %s | %s | %s | %s |\n' "$size_after" "$sa" "$fa" "$la" "$(v .after.cold_build_seconds)" "$(v .after.warm_build_seconds)"
echo "predicted $pred, measured $((sb - sa)) ($(( (sb - sa) * 1000 / pred )) per mille)"
e2e_docker rmi fixc:before fixc:after >/dev/null
echo "fix_multistage_test: OK"
