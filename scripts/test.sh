#!/usr/bin/env bash
# Runs every test: unit (GoogleTest), conformance vectors and end-to-end suites
# against a test-started Docker Engine. Builds first so it never tests stale code.
# Beside them, the sanitizer stage (scripts/sanitize.sh): the unit tests under
# ASan+UBSan, the threaded tests under TSan, every fuzz target for 10 s.
# It runs while the release tests run, not after them: those are mostly the
# end-to-end suites, one at a time, waiting on the engine and the network, so
# the two share the cores instead of adding up (docs/fuzzing.md, "CI budget").
# Its output goes to build/sanitize.log and is summed up at the end.
# BALLAST_SANITIZE=0 skips that stage locally; under CI=true it always runs.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j"$(nproc)"

sanitize=1
if [ "${BALLAST_SANITIZE:-1}" = 0 ]; then
  if [ "${CI:-}" = true ]; then
    echo "test.sh: BALLAST_SANITIZE=0 is ignored under CI=true: the sanitizer stage always runs in CI" >&2
  else
    echo "test.sh: SKIPPING the sanitizer stage (BALLAST_SANITIZE=0): no ASan/UBSan/TSan, no fuzzing" >&2
    sanitize=0
  fi
fi
san_pid=""
if ((sanitize)); then
  # Its own process group (setsid), so that stopping it stops its builds too.
  setsid scripts/sanitize.sh >build/sanitize.log 2>&1 &
  san_pid=$!
  # Interrupted or failed early: the stage does not outlive this script.
  trap '[ -n "$san_pid" ] && kill -- "-$san_pid" 2>/dev/null; true' EXIT
  echo "test.sh: sanitizer stage started beside the tests (build/sanitize.log)" >&2
fi

rc=0
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@" || rc=$?

if ((sanitize)); then
  san_rc=0
  wait "$san_pid" || san_rc=$?
  san_pid=""
  if ((san_rc)); then
    echo "test.sh: the sanitizer stage FAILED (exit $san_rc); the end of build/sanitize.log:" >&2
    tail -n 150 build/sanitize.log >&2
    ((rc)) || rc=$san_rc
  else
    grep -E '^sanitize.sh: .* took|tests passed|^fuzz' build/sanitize.log >&2 || true
    echo "test.sh: sanitizer stage passed" >&2
  fi
fi
exit "$rc"
