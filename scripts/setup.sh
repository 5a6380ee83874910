#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a working ballast:
#   1. installs the Debian packages the build, tests and benchmarks need (idempotent),
#   2. configures and builds into build/,
#   3. makes an example image (no daemon, no registry) and analyzes it.
# Options: --no-example (skip step 3), --werror (warnings are errors, as in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

run_example=1
cmake_extra=()
for arg in "$@"; do
  case "$arg" in
    --no-example) run_example=0 ;;
    --werror) cmake_extra+=(-DBALLAST_WERROR=ON) ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(
  # build
  cmake g++ make pkg-config git
  libarchive-dev libisal-dev libzstd-dev libssl-dev libcurl4-openssl-dev
  nlohmann-json3-dev libcli11-dev libyaml-cpp-dev libtomlplusplus-dev libxxhash-dev
  libsqlite3-dev libpq-dev libgtest-dev libgmock-dev libbenchmark-dev libncurses-dev
  # end-to-end tests: the real engine and image tools
  docker.io busybox-static skopeo podman umoci buildah
  # registry end-to-end tests: the distribution registry, htpasswd, openssl, the token server
  docker-registry apache2-utils openssl python3 hyperfine
  # Compose end-to-end test: the merged model compared with docker-compose 1.29's `config`
  docker-compose python3-yaml
  # history store tests: a real PostgreSQL server (initdb + pg_ctl as an unprivileged user)
  postgresql
  # benchmarks (the floors we compare against) and test tooling
  isal zstd time tar gzip jq debootstrap
  # SBOM tests: the official CycloneDX/SPDX JSON schemas checked with a real validator
  python3-jsonschema
  # packaging and its tests: .deb Depends (dpkg-shlibdeps), man -l, the completion shells
  dpkg-dev man-db groff-base zsh fish
  # the HTML report's browser test (tests/e2e/html_test.sh)
  chromium
  # the terminal explorer's test: a real terminal, driven by keys (tests/e2e/explore_test.sh)
  tmux
  # the sanitizer stage (scripts/sanitize.sh): clang, its ASan/UBSan/TSan and
  # libFuzzer runtimes, llvm-symbolizer for the reports' stack traces
  clang libclang-rt-dev llvm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_extra[@]}" >/dev/null
cmake --build build -j"$(nproc)"

if ((run_example)); then
  build/make_example_image build/example-image.tar
  echo "== ballast analyze build/example-image.tar" >&2
  build/ballast analyze build/example-image.tar
fi
