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
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "files: ${#files[@]} ($(cat "${files[@]}" | wc -c) bytes)"
echo "baseline cat:            $(t cat "${files[@]}") s"
echo "baseline one file:       $(t "$ballast" lint "${files[0]}") s"
for run in 1 2 3; do
  echo "lint text  (run $run):    $(t "$ballast" lint --failure-threshold none "${files[@]}") s"
done
echo "lint json:               $(t "$ballast" lint --format json "${files[@]}") s"
echo "lint sarif:              $(t "$ballast" lint --format sarif "${files[@]}") s"
echo "findings: $("$ballast" lint --failure-threshold none "${files[@]}" | wc -l)"
