#!/usr/bin/env bash
# The analyze CLI contract: help and version exit 0; bad input gives exactly one
# line on stderr and exit 2, never a crash; the README example analyzes.
# Usage: analyze_cli_test.sh BALLAST BUILD_DIR
set -uo pipefail
ballast=$1
work="$2/e2e-analyze-cli"
rm -rf "$work"; mkdir -p "$work"
fail=0

expect_exit() {  # expect_exit CODE NAME -- CMD...
  local want=$1 name=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, wanted $want"; cat "$work/err"; fail=1; return
  fi
  if [ "$want" -eq 2 ]; then
    local lines; lines=$(wc -l <"$work/err")
    if [ "$lines" -ne 1 ] || ! grep -q '^ballast: error: ' "$work/err"; then
      echo "FAIL $name: stderr is not one 'ballast: error:' line:"; cat "$work/err"; fail=1; return
    fi
    if [ -s "$work/out" ]; then echo "FAIL $name: partial output on stdout"; fail=1; return; fi
  fi
  echo "ok   $name"
}

expect_exit 0 help -- "$ballast" --help
expect_exit 0 version -- "$ballast" --version
grep -q '^ballast [0-9]' "$work/out" || { echo "FAIL version text"; fail=1; }
expect_exit 0 analyze-help -- "$ballast" analyze --help
expect_exit 2 missing-argument -- "$ballast" analyze
expect_exit 2 missing-file -- "$ballast" analyze "$work/nope.tar"
printf 'not an image' >"$work/junk"
expect_exit 2 not-an-image -- "$ballast" analyze "$work/junk"
head -c 100000 /dev/urandom >"$work/random.tar"
expect_exit 2 random-bytes -- "$ballast" analyze "docker-archive:$work/random.tar"

"$2/make_example_image" "$work/example.tar" || { echo "FAIL make_example_image"; exit 1; }
expect_exit 0 example -- "$ballast" analyze "$work/example.tar"
grep -q 'rewritten-same-content' "$work/out" || { echo "FAIL example shows no chmod copy"; fail=1; }
size=$(stat -c %s "$work/example.tar")
for cut in 1000 $((size / 3)) $((size - 3000)); do
  head -c "$cut" "$work/example.tar" >"$work/cut.tar"
  expect_exit 2 "truncated-at-$cut" -- "$ballast" analyze "$work/cut.tar"
done
expect_exit 2 bad-platform -- "$ballast" analyze --platform nonsense "$work/example.tar"
expect_exit 2 bad-format -- "$ballast" analyze --format xml "$work/example.tar"
expect_exit 0 json -- "$ballast" analyze --format json "$work/example.tar"
if command -v jq >/dev/null; then
  jq -e '.schema == "ballast.report" and .schema_version == 2 and .kind == "analyze"' "$work/out" >/dev/null \
    && echo "ok   json envelope" || { echo "FAIL json envelope"; fail=1; }
fi

if [ "$fail" -ne 0 ]; then echo "analyze cli: FAILED"; exit 1; fi
echo "analyze cli: all checks passed"
