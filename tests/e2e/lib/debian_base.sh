# Sourced by end-to-end tests: a clean Debian 12 root filesystem from
# debootstrap (minbase, like the official debian images: no apt lists, no
# pkgcache, no .debs), cached as a tar under BUILD_DIR/e2e-cache so it is made
# once per build directory (attribution_test.sh keeps the same file).
#
#   source tests/e2e/lib/dockerd.sh tests/e2e/lib/debian_base.sh
#   tar=$(e2e_debian_base_tar "$build_dir")   # then: docker import "$tar" deb:base
e2e_debian_base_tar() {
  local cache="$1/e2e-cache" root
  local tar="$cache/bookworm-minbase.tar"
  mkdir -p "$cache"
  if [ ! -f "$tar" ]; then
    command -v debootstrap >/dev/null || e2e_skip_or_fail "debootstrap not installed (apt-get install debootstrap)"
    root=$(mktemp -d "$cache/root.XXXXXX")
    if ! debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$cache/debootstrap.log" 2>&1; then
      rm -rf "$root"; e2e_skip_or_fail "debootstrap failed (no Debian mirror?): $cache/debootstrap.log"
    fi
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
    tar -C "$root" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$root"
  fi
  echo "$tar"
}
