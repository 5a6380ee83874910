#!/usr/bin/env bash
# Runs every test: unit (GoogleTest), conformance vectors and end-to-end suites
# against a test-started Docker Engine. Builds first so it never tests stale code.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
