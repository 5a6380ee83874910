# Sourced by the `ballast fix --verify` suites (one per fixture project of
# tests/unit/fix/fixtures): ballast builds the original and the fixed file
# with the test's own dockerd, smoke-tests both and writes the fix; then the
# engine is the oracle. Needs lib/dockerd.sh (engine started, the fixture's
# base images made) and jq.
#
#   FV_PREFIX=fixc FV_SMOKE=hello FV_EXPECTED="hello from ballast" FV_CHANGED=hello.c \
#   FV_GONE="command -v gcc" FV_FASTER=no FV_CHANGE=BA1012 FV_PREDICTED=BA1012/image.build-toolchain \
#     e2e_fix_verify BALLAST WORK CTX [FIX_ARG...]
#
# CTX is a copy of the fixture whose Dockerfile fix rewrites; FV_SMOKE runs in
# both images and prints FV_EXPECTED; FV_CHANGED is the source file the warm
# rebuild edits (touched last); FV_GONE is a shell test that holds in the
# original image and not in the fixed one (the toolchain, the devDependencies
# left behind); FV_FASTER=yes when the fix must make that warm rebuild faster
# (a fixture whose fix skips a reinstall; sub-second rebuilds on both sides
# are only printed); FV_CHANGE is a rule id one change must name, and
# FV_PREDICTED a RULE/FINDING --verify must predict bytes for. FIX_ARGs go to
# `ballast fix` (--multi-stage, --image evidence). E2E_FIX_VERIFY_AFTER, when
# set, names a function run with the prefix on the kept images.
# Checks, from the engine: same output and exit code; the kept tags are the
# measured images; FV_GONE holds before (the positive control) and not after;
# the engine's size and ballast's separate analyses drop, and fix --verify's
# own figures agree with them; the saving is at least 95 % of what was
# predicted; a second fix changes nothing. Prints the before/after table.

e2e_fix_verify() {
  local ballast=$1 work=$2 ctx=$3
  shift 3
  local prefix=$FV_PREFIX smoke=$FV_SMOKE expected=$FV_EXPECTED changed=$FV_CHANGED
  local fail
  fail() { echo "FAIL: $*" >&2; exit 1; }
  rm -f "$ctx"/expected*.diff  # the unit test's goldens, not part of the project
  cp "$ctx/Dockerfile" "$work/Dockerfile.orig"
  touch -d '1 minute' "$ctx/$changed"  # the file a developer edits last: the warm rebuild's change
  # No `# syntax` line: it would pull the frontend from a registry; the
  # engine's built-in frontend takes COPY --chmod.
  printf 'lint:\n  ignore: [BA2003]\n' >"$work/fix.yaml"

  # The docker CLI ballast runs is the one on PATH: Debian's 20.10 client
  # first (it has BuildKit), talking to this test's dockerd (DOCKER_HOST).
  mkdir -p "$work/bin"
  ln -sf "$E2E_DOCKER" "$work/bin/docker"
  local start; start=$(date +%s)
  PATH="$work/bin:$PATH" "$ballast" fix --config "$work/fix.yaml" --verify --keep --tag-prefix "$prefix" \
    --smoke "$smoke" --format json "$@" --write "$ctx/Dockerfile" >"$work/verify.json" || fail "fix --verify: exit $?"
  echo "--- fix --verify $*: $(($(date +%s) - start)) s"
  v() { jq -r ".verify$1" "$work/verify.json"; }
  [ "$(v .recommended)" = true ] || fail "not recommended: $(v .verdict) $(jq -c .verify.smoke "$work/verify.json")"
  [ "$(v .smoke.passed)" = true ] || fail "smoke: $(v .smoke.reason)"
  [ "$(jq -r .written "$work/verify.json")" = true ] || fail "a recommended fix with --write was not written"
  jq -r '.changes[].ids[]' "$work/verify.json" | grep -qx "$FV_CHANGE" || fail "no $FV_CHANGE change"
  "$ballast" fix --config "$work/fix.yaml" --exit-code "$@" "$ctx/Dockerfile" >/dev/null 2>&1 ||
    fail "second fix is not a no-op"
  echo "--- fixed Dockerfile"; tr -d '\r' <"$ctx/Dockerfile"
  local side
  for side in before after; do
    [ "$(e2e_docker image inspect --format '{{.Id}}' "$prefix:$side")" = "$(v ".$side.image_id")" ] ||
      fail "$prefix:$side is not the measured image"
  done

  local before_out after_out before_rc after_rc
  set +e
  before_out=$(e2e_docker run --rm "$prefix:before" sh -c "$smoke"); before_rc=$?
  after_out=$(e2e_docker run --rm "$prefix:after" sh -c "$smoke"); after_rc=$?
  set -e
  [ "$before_rc" -eq "$after_rc" ] || fail "exit codes differ: $before_rc vs $after_rc"
  [ "$before_out" = "$expected" ] || fail "before: '$before_out', expected '$expected'"
  [ "$before_out" = "$after_out" ] || fail "outputs differ: '$before_out' vs '$after_out'"
  if e2e_docker run --rm "$prefix:after" sh -c "$FV_GONE"; then fail "'$FV_GONE' still holds in the fixed image"; fi
  e2e_docker run --rm "$prefix:before" sh -c "$FV_GONE" >/dev/null || fail "control: '$FV_GONE' does not hold before"

  local size_before size_after sb sa fb fa lb la pred
  size_before=$(e2e_docker image inspect --format '{{.Size}}' "$prefix:before")
  size_after=$(e2e_docker image inspect --format '{{.Size}}' "$prefix:after")
  [ "$size_after" -lt "$size_before" ] || fail "engine size $size_before -> $size_after: not smaller"
  "$ballast" analyze "docker-daemon:$prefix:before" --format json >"$work/before.json"
  "$ballast" analyze "docker-daemon:$prefix:after" --format json >"$work/after.json"
  sb=$(jq .totals.stored_bytes "$work/before.json"); sa=$(jq .totals.stored_bytes "$work/after.json")
  fb=$(jq .totals.final_bytes "$work/before.json"); fa=$(jq .totals.final_bytes "$work/after.json")
  lb=$(jq .totals.layers "$work/before.json"); la=$(jq .totals.layers "$work/after.json")
  [ "$(v .measured.stored_bytes_saved)" -eq $((sb - sa)) ] ||
    fail "measured.stored_bytes_saved $(v .measured.stored_bytes_saved), analyses $((sb - sa))"
  pred=$(v .predicted_bytes)
  jq -e --arg r "${FV_PREDICTED%%/*}" --arg f "${FV_PREDICTED#*/}" \
    '.verify.predicted[] | select(.rule == $r and .finding == $f and .bytes > 0)' "$work/verify.json" >/dev/null ||
    fail "no $FV_PREDICTED prediction: $(jq -c .verify.predicted "$work/verify.json")"
  [ "$pred" -gt 1000000 ] || fail "predicted $pred"
  [ $(((sb - sa) * 100)) -ge $((pred * 95)) ] || fail "saved $((sb - sa)), less than 95% of the predicted $pred"
  [ "$(v .changed_file)" = "$changed" ] || fail "warm rebuild changed $(v .changed_file), expected $changed"
  [ "$FV_FASTER" != yes ] || awk -v b="$(v .before.warm_build_seconds)" -v a="$(v .after.warm_build_seconds)" 'BEGIN { exit !(a < b) }' ||
    fail "the fixed file does not rebuild faster after $changed changed: $(v .before.warm_build_seconds) s -> $(v .after.warm_build_seconds) s"
  printf '| image | engine size | stored (ballast) | final (ballast) | layers | cold build s | warm rebuild s (%s changed) |\n|---|---|---|---|---|---|---|\n' "$changed"
  printf '| before | %s | %s | %s | %s | %s | %s |\n' "$size_before" "$sb" "$fb" "$lb" "$(v .before.cold_build_seconds)" "$(v .before.warm_build_seconds)"
  printf '| after | %s | %s | %s | %s | %s | %s |\n' "$size_after" "$sa" "$fa" "$la" "$(v .after.cold_build_seconds)" "$(v .after.warm_build_seconds)"
  echo "predicted $pred, measured $((sb - sa)) ($(((sb - sa) * 1000 / pred)) per mille)"
  [ -z "${E2E_FIX_VERIFY_AFTER-}" ] || "$E2E_FIX_VERIFY_AFTER" "$prefix"  # the suite's own checks of the kept images
  e2e_docker rmi "$prefix:before" "$prefix:after" >/dev/null
}
