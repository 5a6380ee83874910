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

# --- fix --verify: the same original, built and measured by ballast itself.
# The docker CLI it runs is the one on PATH: Debian's 20.10 client first,
# talking to this test's dockerd (DOCKER_HOST).
mkdir -p "$work/bin" "$work/vctx"
ln -s "$E2E_DOCKER" "$work/bin/docker"
export PATH="$work/bin:$PATH"
vctx=$work/vctx
cp "$ctx/hello.txt" "$ctx/notes.txt" "$ctx/data.bin" "$vctx/"
cp "$work/Dockerfile.orig" "$vctx/Dockerfile"
touch -d '2020-01-01' "$vctx/data.bin" "$vctx/notes.txt"  # hello.txt is the newest: the one changed
find "$vctx" -type f -exec sha256sum {} + | sort >"$work/vctx.sums"
stat -c '%n %Y' "$vctx"/* | sort >"$work/vctx.mtimes"
images_now() { e2e_docker images -aq --no-trunc | sort -u; }
images_now >"$work/images.before"
smoke='cat /app/hello.txt /notes.txt && ls -lnR /app | busybox sed "s/  */ /g" | busybox cut -d" " -f1,3,4,5,9'
start=$(date +%s)
"$ballast" fix --config "$work/fix.yaml" --verify --keep --tag-prefix fixkeep --smoke "$smoke" --format json \
  "$vctx/Dockerfile" >"$work/verify.json" || fail "fix --verify --keep: exit $?"
echo "--- fix --verify: $(($(date +%s) - start)) s"
v() { jq -r ".verify$1" "$work/verify.json"; }
[ "$(v .recommended)" = true ] || fail "not recommended: $(v .verdict)"
[ "$(v .smoke.passed)" = true ] || fail "smoke failed: $(v .smoke.reason)"
[ "$(v .smoke.before.stdout)" = "$(v .smoke.after.stdout)" ] || fail "smoke outputs differ"
v .smoke.before.stdout | grep -q "hello from the fixture" || fail "smoke stdout: $(v .smoke.before.stdout)"
[ "$(v .changed_file)" = hello.txt ] || fail "changed file: $(v .changed_file)"
# The user's tree is as it was: same bytes, same mtimes, nothing added
# (the Dockerfile included: no --write).
find "$vctx" -type f -exec sha256sum {} + | sort | cmp -s - "$work/vctx.sums" || fail "the context changed"
stat -c '%n %Y' "$vctx"/* | sort | cmp -s - "$work/vctx.mtimes" || fail "mtimes in the context changed"
[ "$(jq -r .written "$work/verify.json")" = false ] || fail "written without --write"
cmp -s "$vctx/Dockerfile" "$work/Dockerfile.orig" || fail "the Dockerfile was rewritten without --write"
# Kept: both tags exist, they are the images measured, and the engine's own
# figures agree. Both images share the base layer, whose symlinks the engine
# counts and ballast does not (docs/analyze.md#layer-sizes): the differences
# are equal to the byte.
for side in before after; do
  id=$(e2e_docker image inspect --format '{{.Id}}' "fixkeep:$side") || fail "fixkeep:$side not kept"
  [ "$id" = "$(v ".$side.image_id")" ] || fail "$side: kept $id, measured $(v ".$side.image_id")"
  layers=$(e2e_docker image inspect --format '{{len .RootFS.Layers}}' "fixkeep:$side")
  [ "$layers" = "$(v ".$side.layers")" ] || fail "$side layers: engine $layers, ballast $(v ".$side.layers")"
  # docker history's per-layer SIZE, in bytes, summed.
  hist=$(e2e_docker history --human=false --format '{{.Size}}' "fixkeep:$side" | awk '{s += $1} END {print s}')
  eval "hist_$side=$hist"
  eval "engine_$side=$(e2e_docker image inspect --format '{{.Size}}' "fixkeep:$side")"
  cold=$(v ".$side.cold_build_seconds"); warm=$(v ".$side.warm_build_seconds")
  [ "$warm" != null ] || fail "$side: no warm rebuild"
  awk -v c="$cold" 'BEGIN {exit !(c > 0)}' || fail "$side: cold build $cold s"
done
sb=$(v .before.stored_bytes); sa=$(v .after.stored_bytes)
[ $((engine_before - engine_after)) -eq $((sb - sa)) ] ||
  fail "engine saved $((engine_before - engine_after)), ballast $((sb - sa))"
# Each side's stored bytes within the base's symlink bytes of the engine's size.
for side in before after; do
  eval "e=\$engine_$side"
  d=$((e - $(v ".$side.stored_bytes")))
  [ "$d" -ge 0 ] && [ "$d" -lt 4096 ] || fail "$side: engine $e, ballast stored $(v ".$side.stored_bytes")"
done
[ "$(v .measured.stored_bytes_saved)" -eq $((sb - sa)) ] || fail "measured.stored_bytes_saved"
[ $((hist_before - hist_after)) -eq $((sb - sa)) ] ||
  fail "docker history saved $((hist_before - hist_after)), ballast $((sb - sa))"
[ "$(v .measured.layers_saved)" -eq 1 ] || fail "layers saved: $(v .measured.layers_saved)"
[ "$(v .after.compressed_bytes)" -lt "$(v .before.compressed_bytes)" ] || fail "compressed bytes did not drop"
# Predicted (analyze's finding on the original: the chmod -R copy of 4 MiB
# of random data and two small files) within 5% of what was measured.
pred=$(v .predicted_bytes)
[ "$pred" -ge 4194304 ] || fail "predicted $pred"
[ $(((sb - sa) * 100)) -ge $((pred * 95)) ] && [ $(((sb - sa) * 100)) -le $((pred * 105)) ] ||
  fail "measured $((sb - sa)) not within 5% of predicted $pred"
# The warm rebuilds' images were removed: what is new is the two kept tags.
added=$(images_now | comm -13 "$work/images.before" -)
expected=$( (v .before.image_id; v .after.image_id) | sort -u)
[ "$added" = "$expected" ] || { e2e_docker images -a >&2; fail "new images: $added; expected the two kept"; }
# Running again with the kept tags there: refused (exit 2) before building,
# the tags still name the same images.
set +e
"$ballast" fix --config "$work/fix.yaml" --verify --tag-prefix fixkeep --smoke "$smoke" "$vctx/Dockerfile" \
  >/dev/null 2>"$work/taken.err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "fixkeep:before is already in the engine" "$work/taken.err" ||
  fail "a taken --tag-prefix: exit $rc: $(cat "$work/taken.err")"
[ "$(e2e_docker image inspect --format '{{.Id}}' fixkeep:before)" = "$(v .before.image_id)" ] ||
  fail "fixkeep:before moved"
e2e_docker rmi fixkeep:before fixkeep:after >/dev/null
images_now | cmp -s - "$work/images.before" || fail "rmi of the kept tags left images"

# Without --keep, the default tags are gone afterwards; text output; no
# --smoke: the images' own CMD (it prints and exits 0 in both, alike).
# --write: a recommended fix is written, as `fix --write` wrote it above.
"$ballast" fix --config "$work/fix.yaml" --verify --write --smoke-seconds 1 "$vctx/Dockerfile" >"$work/verify.txt" \
  2>"$work/verify.err" || fail "fix --verify: exit $?: $(cat "$work/verify.err")"
cat "$work/verify.txt"
grep -q "smoke test: the image's CMD for 1.0 s: passed (same exit code (0) and stdout)" "$work/verify.txt" ||
  fail "CMD smoke test not run"
grep -q '^fix recommended' "$work/verify.txt" || fail "no verdict"
[ -z "$(e2e_docker ps -aq)" ] || fail "containers left behind: $(e2e_docker ps -a)"
cmp -s "$vctx/Dockerfile" "$ctx/Dockerfile" || fail "--verify --write did not write the fix"
for side in before after; do
  if e2e_docker image inspect "ballast-verify:$side" >/dev/null 2>&1; then fail "ballast-verify:$side left behind"; fi
done
images_now | cmp -s - "$work/images.before" || { e2e_docker images -a >&2; fail "images left behind"; }

# Positive control: a fix that breaks the app. BA3002 adds `USER app` (the
# account the RUN creates; busybox-static has no adduser applet, so a small
# script stands in for it); the app writes to /, which only root may. The
# smoke test catches it: exit 1, not recommended, nothing written.
bctx=$work/bctx
mkdir -p "$bctx"
cat >"$bctx/adduser" <<'SCRIPT'
#!/bin/sh
for name; do :; done
echo "$name:x:1000:1000::/:/bin/sh" >>/etc/passwd
echo "$name:x:1000:" >>/etc/group
SCRIPT
chmod 755 "$bctx/adduser"
cat >"$bctx/Dockerfile" <<'DOCKERFILE'
FROM fixbb:base
COPY adduser /bin/adduser
RUN adduser -D app
CMD ["sh", "-c", "echo hi >/out.txt && cat /out.txt"]
DOCKERFILE
cp "$bctx/Dockerfile" "$work/broken.orig"
set +e
"$ballast" fix --config "$work/fix.yaml" --verify --write --smoke 'echo hi >/out.txt && cat /out.txt' \
  --format markdown "$bctx/Dockerfile" >"$work/broken.md" 2>"$work/broken.err"
rc=$?
set -e
cat "$work/broken.md"
[ "$rc" -eq 1 ] || fail "broken fix: exit $rc, expected 1: $(cat "$work/broken.err")"
grep -q '^+USER app' "$work/broken.md" || fail "the USER fix was not what was verified"
grep -q '^\*\*fix not recommended: the smoke test failed' "$work/broken.md" || fail "no 'not recommended' verdict"
grep -q '^before (exit 0):' "$work/broken.md" || fail "the original's output is not shown"
cmp -s "$bctx/Dockerfile" "$work/broken.orig" || fail "a fix that is not recommended was written"
# As text: the change list says why nothing was written; both outputs, the
# after side's stderr (the shell's refusal) included.
set +e
"$ballast" fix --config "$work/fix.yaml" --verify --write --smoke 'echo hi >/out.txt && cat /out.txt' \
  "$bctx/Dockerfile" >"$work/broken.txt" 2>&1
rc=$?
set -e
cat "$work/broken.txt"
[ "$rc" -eq 1 ] || fail "broken fix (text): exit $rc, expected 1"
grep -q ': 1 change (not written: the fix is not recommended)$' "$work/broken.txt" || fail "no 'not written' reason"
grep -q '^  after (exit 1), stdout:$' "$work/broken.txt" || fail "the fixed image's outcome is not shown"
grep -qi 'permission denied' "$work/broken.txt" || fail "the fixed image's stderr is not shown"
cmp -s "$bctx/Dockerfile" "$work/broken.orig" || fail "a fix that is not recommended was written (text)"
# A smoke command that does not end: stopped at --smoke-timeout, its
# containers removed, the fix not recommended.
set +e
"$ballast" fix --config "$work/fix.yaml" --verify --smoke 'sleep 60' --smoke-timeout 1 --format json \
  "$bctx/Dockerfile" >"$work/timeout.json" 2>"$work/timeout.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "timeout: exit $rc, expected 1: $(cat "$work/timeout.err")"
[ "$(jq -r .verify.smoke.reason "$work/timeout.json")" = "the smoke command did not end within 1 s in both images" ] ||
  fail "timeout reason: $(jq -r .verify.smoke.reason "$work/timeout.json")"
[ -z "$(e2e_docker ps -aq)" ] || fail "containers left behind after the timeout: $(e2e_docker ps -a)"
images_now | cmp -s - "$work/images.before" || { e2e_docker images -a >&2; fail "images left behind"; }
echo "fix_test: OK"
