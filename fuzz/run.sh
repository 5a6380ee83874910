#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time (docs/fuzzing.md), two at a
# time (the machine's cores), each on its corpus: the seeds (fuzz/seed.sh)
# plus whatever earlier runs found, kept in BUILD/fuzz-corpus/. A crash, a
# leak, a sanitizer report, a timeout (>10 s on one input) or an out-of-memory
# (>2 GB) is a finding: its input goes to BUILD/fuzz-findings/ and this exits 1.
#
# Usage: fuzz/run.sh [-t SECONDS_EACH] [-b BUILD_DIR] [TARGET...]
#   defaults: 20 s each, build-asan, every target built there.
# Reproduce a finding: BUILD/fuzz/TARGET BUILD/fuzz-findings/TARGET-crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20
build=build-asan
while getopts t:b: opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    b) build="$OPTARG" ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in fuzz/*_fuzz.cc; do targets+=("$(basename "$f" .cc)"); done
fi
for t in "${targets[@]}"; do
  [ -x "$build/fuzz/$t" ] || { echo "fuzz/run.sh: $build/fuzz/$t not built (scripts/sanitize.sh builds it)" >&2; exit 2; }
done

corpus="$build/fuzz-corpus"
findings="$build/fuzz-findings"
logs="$build/fuzz-logs"
mkdir -p "$corpus" "$findings" "$logs"
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
fuzz/seed.sh "$build" "$seeds"
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t"
  [ -d "$seeds/$t" ] && cp -n "$seeds/$t"/* "$corpus/$t/" 2>/dev/null || true
  # Every finding so far (each also has its unit test) is replayed first.
  [ -d "tests/fuzz-regressions/$t" ] && cp -n "tests/fuzz-regressions/$t"/* "$corpus/$t/" 2>/dev/null || true
done

run_one() {
  local t="$1" rc=0
  # -max_len: the corpus's largest input or 64 KiB, whichever is more (the
  # layer and image seeds are bigger than libFuzzer's default 4 KiB).
  "$build/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$findings/$t-" "$corpus/$t" >"$logs/$t.log" 2>&1 || rc=$?
  local execs cov
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log")"
  cov="$(grep -o 'cov: [0-9]*' "$logs/$t.log" | tail -1 | cut -d' ' -f2)"
  if ((rc == 0)); then
    printf '%-24s ok       %8s runs  cov %6s  corpus %5s\n' "$t" "${execs:-?}" "${cov:-?}" "$(ls "$corpus/$t" | wc -l)"
  else
    printf '%-24s FINDING  (exit %d): %s\n' "$t" "$rc" "$(grep -m1 -E 'ERROR|SUMMARY|runtime error|terminate' "$logs/$t.log" || true)"
    sed -n '/ERROR\|runtime error\|terminate/,+25p' "$logs/$t.log" | head -40 >&2
    return 1
  fi
}
export -f run_one
export build seconds corpus findings logs
jobs="$(nproc)"
((jobs > 2)) && jobs=2
start=$SECONDS
status=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}' || status=1
echo "fuzz/run.sh: ${#targets[@]} targets, ${seconds} s each, $((SECONDS - start)) s in all" >&2
if ((status)); then
  echo "fuzz/run.sh: findings in $findings (logs in $logs)" >&2
fi
exit $status
