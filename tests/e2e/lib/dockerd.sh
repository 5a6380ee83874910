# Sourced by end-to-end tests: starts a private Docker Engine (Debian's docker.io)
# with its own data root, exec root, pidfile and unix socket under the build
# directory, and stops it by its PID when the test exits. It never talks to a
# daemon it did not start: DOCKER_HOST always points at our own socket.
#
#   source tests/e2e/lib/dockerd.sh
#   e2e_start_dockerd "$build_dir/e2e-<name>"   # exports DOCKER_HOST, DOCKER_BUILDKIT=1
#   e2e_busybox_base bb:base                    # imports a busybox-static rootfs, no registry
#
# When the engine cannot start: outside CI the test skips (exit 77) with a loud
# message; under CI=true it fails, so CI can never pass by skipping.

E2E_DOCKER=/usr/bin/docker

e2e_skip_or_fail() {
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! SKIPPING END-TO-END TEST: $*" >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 77
}

e2e_stop_dockerd() {
  if [ -n "${E2E_DOCKERD_PIDFILE:-}" ] && [ -f "$E2E_DOCKERD_PIDFILE" ]; then
    local pid
    pid=$(cat "$E2E_DOCKERD_PIDFILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

e2e_start_dockerd() {
  local root="$1"
  command -v dockerd >/dev/null || e2e_skip_or_fail "dockerd not installed (apt-get install docker.io)"
  [ -x "$E2E_DOCKER" ] || e2e_skip_or_fail "$E2E_DOCKER (Debian's docker client) not installed"
  [ "$(id -u)" -eq 0 ] || e2e_skip_or_fail "dockerd needs root here"
  # One private dockerd per machine at a time (they would share the docker0
  # bridge and its iptables rules), also across checkouts: wait for the lock,
  # held until this test's shell exits.
  exec 9>/tmp/ballast-e2e-dockerd.lock
  flock 9
  # Unix socket paths are limited to 108 bytes: keep the socket short.
  mkdir -p "$root"
  E2E_DOCKERD_ROOT=$(cd "$root" && pwd)
  local sock_dir
  sock_dir=$(mktemp -d /tmp/ballast-e2e.XXXXXX)
  E2E_DOCKERD_PIDFILE="$E2E_DOCKERD_ROOT/dockerd.pid"
  export DOCKER_HOST="unix://$sock_dir/docker.sock"
  export DOCKER_BUILDKIT=1
  trap e2e_stop_dockerd EXIT
  dockerd --data-root "$E2E_DOCKERD_ROOT/data" --exec-root "$sock_dir/exec" \
    --pidfile "$E2E_DOCKERD_PIDFILE" -H "$DOCKER_HOST" \
    >"$E2E_DOCKERD_ROOT/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    if "$E2E_DOCKER" version >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  tail -20 "$E2E_DOCKERD_ROOT/dockerd.log" >&2
  e2e_skip_or_fail "dockerd did not start (log: $E2E_DOCKERD_ROOT/dockerd.log)"
}

# A base image from Debian's busybox-static: no registry needed.
e2e_busybox_base() {
  local tag="$1" dir
  dir=$(mktemp -d)
  mkdir -p "$dir/root/bin" "$dir/root/tmp" "$dir/root/etc"
  cp /bin/busybox "$dir/root/bin/busybox"
  for c in sh ls cat rm mkdir chmod chown echo dd cp touch mv ln find head seq true; do
    ln -s busybox "$dir/root/bin/$c"
  done
  tar -C "$dir/root" -cf "$dir/base.tar" .
  "$E2E_DOCKER" import "$dir/base.tar" "$tag" >/dev/null
  rm -rf "$dir"
}

e2e_docker() { "$E2E_DOCKER" "$@"; }

# e2e_export_listing IMAGE OUT: the sorted lib/tar_listing.py listing of
# `docker export` of a container of IMAGE, without the paths the engine puts
# into every container. The export is kept in OUT.tar until listed.
e2e_export_listing() {
  local cid injected='^(\.dockerenv|etc/hosts|etc/hostname|etc/resolv\.conf|etc/mtab|dev|dev/.*|proc|sys|proc/.*|sys/.*)$'
  cid=$(e2e_docker create "$1")
  e2e_docker export "$cid" >"$2.tar"
  e2e_docker rm "$cid" >/dev/null
  python3 "$(dirname "${BASH_SOURCE[0]}")/tar_listing.py" "$2.tar" "$injected" | sort >"$2"
  rm -f "$2.tar"
}
