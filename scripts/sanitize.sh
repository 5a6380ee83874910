#!/usr/bin/env bash
# The sanitizer stage of the tests (docs/fuzzing.md, docs/ci.md), run by
# scripts/test.sh after the release tests:
#   1. build-asan/ (target asan_tests): the modules that read hostile input,
#      their unit tests (without the CLI-driven ones: no CLI is built here)
#      with ASan+UBSan (clang, -O1, every report fatal) and the libFuzzer
#      targets; those unit tests run there. Not the CLI, not the report /
#      explore / slim / fix / history modules: building everything would cost
#      as much as the release build, past the CI budget (docs/fuzzing.md).
#   2. build-tsan/: the threaded tests only (the parallel context walk, layers
#      read in parallel) under TSan.
#   3. every fuzz target for BALLAST_FUZZ_SECONDS (default 10) seconds, two at a time.
# Both trees are ccache-able and kept between runs, like build/.
# Usage: scripts/sanitize.sh [asan] [tsan] [fuzz]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
((${#stages[@]})) || stages=(asan tsan fuzz)
jobs="$(nproc)"
((jobs > 2)) && jobs=2  # the CI machine has two cores; others may share it
# No clang is a failure, not a skip: CI must never pass without this stage
# (locally, BALLAST_SANITIZE=0 scripts/test.sh skips it, loudly).
command -v clang++ >/dev/null || {
  echo "sanitize.sh: clang++ not found (scripts/setup.sh installs clang libclang-rt-dev llvm)" >&2
  exit 1
}
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
# Sanitizer trees never set -Werror: clang warns about other things than the
# gcc release build, which is the one held to -Werror.
configure() {  # DIR SANITIZER [extra cmake args]
  local dir="$1" san="$2"
  shift 2
  [ -f "$dir/CMakeCache.txt" ] ||
    cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Sanitize \
      -DBALLAST_SANITIZE="$san" "$@" >/dev/null
}
timed() {  # NAME command...: prints how long each step took (docs/ci.md)
  local name="$1" start=$SECONDS
  shift
  "$@"
  echo "sanitize.sh: $name took $((SECONDS - start)) s" >&2
}
for stage in "${stages[@]}"; do
  case "$stage" in
    asan)
      configure build-asan address -DBALLAST_FUZZ=ON
      timed "ASan+UBSan build" cmake --build build-asan -j"$jobs" --target asan_tests
      timed "ASan+UBSan unit tests" ctest --test-dir build-asan --output-on-failure -j"$jobs"
      ;;
    tsan)
      configure build-tsan thread
      timed "TSan build" cmake --build build-tsan -j"$jobs" --target tsan_tests
      timed "TSan tests" ctest --test-dir build-tsan --output-on-failure -j"$jobs"
      ;;
    fuzz)
      configure build-asan address -DBALLAST_FUZZ=ON
      timed "fuzz build" cmake --build build-asan -j"$jobs" --target asan_tests
      timed "fuzzing" fuzz/run.sh -t "${BALLAST_FUZZ_SECONDS:-10}" -b build-asan
      ;;
    *) echo "sanitize.sh: unknown stage $stage (asan, tsan, fuzz)" >&2; exit 2 ;;
  esac
done
