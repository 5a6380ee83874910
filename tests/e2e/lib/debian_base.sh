# Sourced by end-to-end tests: a clean Debian 12 root filesystem from
# debootstrap (minbase, like the official debian images: no apt lists, no
# pkgcache, no .debs), and the Docker Engine data root the Debian-based suites
# build their images in.
#
# Both are heavy (a debootstrap run, then apt-get installs of python3-torch and
# build-essential) and depend only on their inputs, so they are cached outside
# the checkout, in $BALLAST_FIXTURE_CACHE (default ~/.cache/ballast-test-fixtures),
# under a key made of those inputs: a clean clone on a machine that ran the
# suites before reuses them, a fresh machine makes them once. BALLAST_FIXTURE_CACHE=
# (empty) keeps them under BUILD_DIR/e2e-cache instead.
#
#   source tests/e2e/lib/dockerd.sh tests/e2e/lib/debian_base.sh
#   tar=$(e2e_debian_base_tar "$build_dir")   # then: docker import "$tar" deb:base
#   e2e_start_dockerd "$(e2e_debian_engine_root "$build_dir")"

# What the base is made of; a change here is a new key, so a new cache entry.
E2E_DEBIAN_SUITE=bookworm
E2E_DEBIAN_VARIANT=minbase
E2E_DEBIAN_MIRROR=http://deb.debian.org/debian
E2E_DEBIAN_RECIPE_VERSION=1  # bump when the clean-up below changes

e2e_fixture_dir() {  # e2e_fixture_dir BUILD_DIR: where this machine keeps the Debian fixtures
  local key
  key=$(printf '%s\n' "$E2E_DEBIAN_SUITE" "$E2E_DEBIAN_VARIANT" "$E2E_DEBIAN_MIRROR" "$E2E_DEBIAN_RECIPE_VERSION" \
    | sha256sum | cut -c1-16)
  if [ -n "${BALLAST_FIXTURE_CACHE-${HOME:+$HOME/.cache/ballast-test-fixtures}}" ]; then
    echo "${BALLAST_FIXTURE_CACHE-$HOME/.cache/ballast-test-fixtures}/debian-$key"
  else
    echo "$1/e2e-cache/debian-$key"
  fi
}

e2e_debian_base_tar() {
  local cache root
  cache=$(e2e_fixture_dir "$1")
  local tar="$cache/$E2E_DEBIAN_SUITE-$E2E_DEBIAN_VARIANT.tar"
  mkdir -p "$cache"
  # Two suites may want the base at once (another checkout's CI): one makes it.
  exec 8>"$cache/.lock"
  flock 8
  if [ ! -f "$tar" ]; then
    command -v debootstrap >/dev/null || e2e_skip_or_fail "debootstrap not installed (apt-get install debootstrap)"
    root=$(mktemp -d "$cache/root.XXXXXX")
    if ! debootstrap --variant="$E2E_DEBIAN_VARIANT" "$E2E_DEBIAN_SUITE" "$root" "$E2E_DEBIAN_MIRROR" \
        >"$cache/debootstrap.log" 2>&1; then
      rm -rf "$root"; e2e_skip_or_fail "debootstrap failed (no Debian mirror?): $cache/debootstrap.log"
    fi
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
    tar -C "$root" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$root"
  fi
  exec 8>&-
  echo "$tar"
}

# The engine data root of the Debian-based suites, beside the base it builds
# on: its build cache makes a rerun's apt-get layers free. The engine is
# correct by construction here (its cache is keyed by instruction and context),
# and e2e_start_dockerd holds the machine-wide engine lock, so one engine at a
# time uses it.
e2e_debian_engine_root() {
  echo "$(e2e_fixture_dir "$1")/engine"
}

# Keeps a shared data root from growing run after run: images left untagged by
# the previous run go, and the build cache is capped.
e2e_trim_engine() {
  "$E2E_DOCKER" image prune -f >/dev/null 2>&1 || true
  "$E2E_DOCKER" builder prune -f --keep-storage 6GB >/dev/null 2>&1 || true
}
