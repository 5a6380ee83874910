#!/usr/bin/env bash
# Times `ballast lint` over a generated corpus of 10,000 Dockerfiles (target:
# under 2 s on the 2-core dev machine). Baselines measured in the same run:
# reading the files (cat) and the CLI's start-up on one file.
# Usage: bench/lint/run.sh path/to/ballast [N]
set -euo pipefail
ballast=$(realpath "${1:?usage: run.sh path/to/ballast [N]}")
n=${2:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/gen_corpus.py" "$dir/corpus" "$n" >/dev/null
cd "$dir/corpus"
files=(*.Dockerfile)
# Wall time and CPU time (user+sys): on a loaded machine the CPU time is the stable figure.
t() {
  local TIMEFORMAT='%R s wall, %U+%S s cpu'
  { time "$@" >/dev/null 2>&1 || true; } 2>&1
}
echo "files: ${#files[@]} ($(cat "${files[@]}" | wc -c) bytes)"
echo "baseline cat:            $(t cat "${files[@]}")"
echo "baseline one file:       $(t "$ballast" lint "${files[0]}")"
for run in 1 2 3; do
  echo "lint text  (run $run):    $(t "$ballast" lint --failure-threshold none "${files[@]}")"
done
echo "lint json:               $(t "$ballast" lint --format json "${files[@]}")"
echo "lint sarif:              $(t "$ballast" lint --format sarif "${files[@]}")"
echo "findings: $("$ballast" lint --failure-threshold none "${files[@]}" | wc -l)"
