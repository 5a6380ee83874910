#!/usr/bin/env bash
# End to end: images read where the engine keeps them, with no tarball saved.
# An image built by the real Docker Engine (BuildKit) is analyzed as
#   docker-daemon:NAME:TAG, the bare NAME:TAG, its full and short image ID,
#   `docker save NAME | ballast analyze -`, through a docker context, and
#   through podman's Docker-compatible API socket (`podman system service`),
# and each JSON report must equal, field for field, the report from the file
# `docker save -o` wrote (except where it came from: image.source and how each
# layer was read, layers[].read_via/seeked/verified). Bad cases: a socket that
# is not there, one that is not permitted, an unknown image: exit 2, one line.
# Usage: engine_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work="$(cd "$2" && pwd)/e2e-engine"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
e2e_start_dockerd "$work/engine"
e2e_busybox_base bb:base

fail=0
podman_pid=
cleanup() {
  if [ -n "$podman_pid" ]; then kill "$podman_pid" 2>/dev/null || true; wait "$podman_pid" 2>/dev/null || true; fi
  e2e_stop_dockerd
}
trap cleanup EXIT

check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then
    echo "ok   $1"
  else
    echo "FAIL $1"; head -40 "$work/$1.diff"; fail=1
  fi
}
canon='del(.image.source, .layers[].read_via, .layers[].seeked, .layers[].verified)'
flags=()  # extra analyze flags for the next report()
report() {  # report NAME IMAGE [env...]: the canonical JSON report of IMAGE into $work/NAME.json
  local name=$1 image=$2; shift 2
  if ! (cd "$work" && env "$@" "$ballast" analyze --format json --bytes --files "${flags[@]}" "$image" \
        >"$work/$name.raw" 2>"$work/$name.err"); then
    echo "FAIL $name: ballast exited non-zero"; cat "$work/$name.err"; fail=1; : >"$work/$name.json"; return
  fi
  jq -S "$canon" "$work/$name.raw" >"$work/$name.json"
}
expect_error() {  # expect_error NAME PATTERN CMD...: exit 2, one 'ballast: error:' line matching PATTERN
  local name=$1 pattern=$2; shift 2
  local rc=0
  (cd "$work" && "$@") >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  if [ "$rc" -ne 2 ] || [ "$(wc -l <"$work/$name.err")" -ne 1 ] || ! grep -q "^ballast: error: .*$pattern" "$work/$name.err"; then
    echo "FAIL $name: exit $rc, stderr:"; cat "$work/$name.err"; fail=1
  else
    echo "ok   $name: $(cat "$work/$name.err")"
  fi
}

ctx="$work/ctx"; mkdir -p "$ctx"
echo "copied file" >"$ctx/file.txt"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:base
RUN mkdir -p /data/sub && dd if=/dev/zero of=/data/sub/big bs=1k count=300 2>/dev/null \
 && echo hello > /data/keep && ln /data/keep /data/hard && ln -s keep /data/link && touch /data/empty
RUN rm -rf /data/sub && chmod 600 /data/keep /data/empty
RUN dd if=/dev/urandom of=/blob bs=1k count=50 2>/dev/null && cp /blob /blob-copy
COPY file.txt /app/file.txt
CMD ["sh"]
DOCKERFILE
e2e_docker build -q -t e2e/engine:1 "$ctx" >/dev/null
e2e_docker save -o "$work/img.tar" e2e/engine:1
image_id=$(e2e_docker image inspect -f '{{.Id}}' e2e/engine:1)

report file "$work/img.tar"
# Positive controls: the reference report is not empty and holds what the Dockerfile made.
jq -e '.totals.layers == 5 and ([.files[] | select(.path == "/blob-copy")] | length) == 1
       and ([.reclaimable[] | select(.path == "/data/sub/big")] | length) == 1' "$work/file.json" >/dev/null \
  && echo "ok   reference report" || { echo "FAIL reference report"; fail=1; }

flags=(--engine-layers stream); report daemon docker-daemon:e2e/engine:1; flags=()
check docker-daemon "$work/file.json" "$work/daemon.json"
jq -r '.image.source' "$work/daemon.raw" >"$work/daemon.source"
echo "docker-daemon:e2e/engine:1" >"$work/daemon.source.expected"
check docker-daemon-source "$work/daemon.source.expected" "$work/daemon.source"
jq -e '[.layers[] | select(.verified and .read_via == "stream")] | length == 5' "$work/daemon.raw" >/dev/null \
  && echo "ok   daemon layers streamed and verified" || { echo "FAIL daemon layers not streamed+verified"; fail=1; }
# The overlay2 layer directories (this test runs as root, the engine's store is readable): the
# same report, tar sizes included (summed from the engine's tar-split records), with no tar made.
flags=(--engine-layers directory); report directory docker-daemon:e2e/engine:1; flags=()
check overlay2-directories "$work/file.json" "$work/directory.json"
[ -s "$work/directory.raw" ] && jq -e '[.layers[] | select(.read_via == "directory" and (.verified | not))] | length == 5' "$work/directory.raw" >/dev/null \
  && echo "ok   directory layers read as directories, not verified" || { echo "FAIL directory read_via"; fail=1; }
# --verify needs the stream: under auto it is read, and verified.
flags=(--verify); report verify docker-daemon:e2e/engine:1; flags=()
[ -s "$work/verify.raw" ] && jq -e '[.layers[] | select(.verified and .read_via == "stream")] | length == 5' "$work/verify.raw" >/dev/null \
  && echo "ok   --verify streams" || { echo "FAIL --verify did not stream"; fail=1; }
# An opaque directory (a directory removed, then made again in a later layer: overlayfs marks it
# with trusted.overlay.opaque) and a whiteout, read both ways.
octx="$work/octx"; mkdir -p "$octx"
cat >"$octx/Dockerfile" <<'DOCKERFILE'
FROM bb:base
RUN mkdir -p /o/a /w && echo one >/o/a/f && echo two >/o/b && echo three >/w/gone && echo keep >/w/kept
RUN rm -rf /o /w/gone && mkdir /o && echo four >/o/c
DOCKERFILE
e2e_docker build -q -t e2e/opaque:1 "$octx" >/dev/null
e2e_docker save -o "$work/opaque.tar" e2e/opaque:1
report opaque-file "$work/opaque.tar"
flags=(--engine-layers directory); report opaque-directory docker-daemon:e2e/opaque:1; flags=()
check overlay2-opaque-and-whiteout "$work/opaque-file.json" "$work/opaque-directory.json"
[ -s "$work/opaque-directory.raw" ] && jq -e '([.files[] | select(.path | startswith("/o/"))] | map(.path) == ["/o/c"])
       and ([.reclaimable[] | select(.reason == "opaque")] | length) >= 2
       and ([.reclaimable[] | select(.path == "/w/gone" and .reason == "deleted")] | length) == 1' \
   "$work/opaque-directory.raw" >/dev/null \
  && echo "ok   opaque directory hides /o/a/f and /o/b, whiteout hides /w/gone" \
  || { echo "FAIL opaque/whiteout not seen"; jq -c '.reclaimable' "$work/opaque-directory.raw"; fail=1; }
report bare e2e/engine:1
check bare-name "$work/file.json" "$work/bare.json"
report id "$image_id"
check image-id "$work/file.json" "$work/id.json"
short_id=${image_id#sha256:}; short_id=${short_id:0:12}
report short-id "$short_id"
check short-image-id "$work/file.json" "$work/short-id.json"

# The image ID ballast reports and records is the engine's own (docs/history.md).
jq -r '.image.id' "$work/daemon.raw" >"$work/daemon.id"
echo "$image_id" >"$work/daemon.id.expected"
check daemon-image-id "$work/daemon.id.expected" "$work/daemon.id"
(cd "$work" && "$ballast" analyze docker-daemon:e2e/engine:1 --record --history "$work/history.db" >/dev/null \
  && "$ballast" history e2e/engine --history "$work/history.db" --format json) >"$work/history.raw" 2>"$work/history.err" || true
jq -r '.runs[] | "\(.repository) \(.tag) \(.digest)"' "$work/history.raw" >"$work/history.runs" 2>/dev/null || true
echo "e2e/engine 1 $image_id" >"$work/history.runs.expected"
check record-daemon "$work/history.runs.expected" "$work/history.runs"

e2e_docker save e2e/engine:1 | (cd "$work" && "$ballast" analyze --format json --bytes --files -) >"$work/stdin.raw"
jq -S "$canon" "$work/stdin.raw" >"$work/stdin.json"
check docker-save-stdin "$work/file.json" "$work/stdin.json"

# deps --image takes the same sources.
if (cd "$work" && "$ballast" deps --image docker-daemon:e2e/engine:1 "$ctx" >"$work/deps.out" 2>"$work/deps.err"); then
  echo "ok   deps --image docker-daemon:"
else
  rc=$?; if [ "$rc" -eq 1 ]; then echo "ok   deps --image docker-daemon: (findings)"; else
  echo "FAIL deps --image docker-daemon: exit $rc"; cat "$work/deps.err"; fail=1; fi
fi

# The current docker context (config.json + contexts/meta/<sha256 of name>).
cfg="$work/docker-config"
meta_dir="$cfg/contexts/meta/$(printf %s e2e-ctx | sha256sum | cut -d' ' -f1)"
mkdir -p "$meta_dir"
printf '{"currentContext":"e2e-ctx"}\n' >"$cfg/config.json"
printf '{"Name":"e2e-ctx","Metadata":{},"Endpoints":{"docker":{"Host":"%s","SkipTLSVerify":false}}}\n' \
  "$DOCKER_HOST" >"$meta_dir/meta.json"
report context docker-daemon:e2e/engine:1 -u DOCKER_HOST DOCKER_CONFIG="$cfg"
check docker-context "$work/file.json" "$work/context.json"

# Bad cases.
sock=${DOCKER_HOST#unix://}
expect_error socket-missing "no engine at $work/none.sock (no such socket)" \
  env DOCKER_HOST="unix://$work/none.sock" "$ballast" analyze docker-daemon:e2e/engine:1
expect_error bare-name-no-engine "e2e/engine:1: no such file and no engine at $work/none.sock" \
  env DOCKER_HOST="unix://$work/none.sock" "$ballast" analyze e2e/engine:1
expect_error unknown-image "docker-daemon:e2e/nope:1: no such image in the engine at $sock" \
  "$ballast" analyze docker-daemon:e2e/nope:1
expect_error bare-unknown-image "e2e/nope:1: no such file, and no such image in the engine at $sock" \
  "$ballast" analyze e2e/nope:1
expect_error context-unknown 'docker context "gone" does not exist' \
  env -u DOCKER_HOST DOCKER_CONFIG="$cfg" DOCKER_CONTEXT=gone "$ballast" analyze docker-daemon:e2e/engine:1
# Not permitted: the engine's socket is root's (0660); an unprivileged user may not connect.
if command -v setpriv >/dev/null; then
  chmod o+x "$(dirname "$sock")"
  expect_error socket-not-permitted "no engine at $sock (permission denied)" \
    setpriv --reuid=65534 --regid=65534 --clear-groups "$ballast" analyze --no-cache docker-daemon:e2e/engine:1
else
  echo "FAIL setpriv missing"; fail=1
fi

# podman's Docker-compatible API socket, via DOCKER_HOST.
if command -v podman >/dev/null; then
  pod=(podman --root "$work/podman/root" --runroot "$work/podman/run" --storage-driver vfs)
  "${pod[@]}" load -q -i "$work/img.tar" >/dev/null
  psock_dir=$(mktemp -d /tmp/ballast-e2e-podman.XXXXXX)
  psock="$psock_dir/podman.sock"
  "${pod[@]}" system service --time=0 "unix://$psock" >"$work/podman-service.log" 2>&1 &
  podman_pid=$!
  for _ in $(seq 1 100); do [ -S "$psock" ] && break; sleep 0.1; done
  if [ -S "$psock" ]; then
    report podman docker-daemon:e2e/engine:1 DOCKER_HOST="unix://$psock"
    check podman-socket "$work/file.json" "$work/podman.json"
    # podman keeps layers with its own driver (vfs here): auto streams, directory says why not.
    expect_error podman-no-directories "cannot read the engine's layer directories: the engine's storage driver is vfs, not overlay2" \
      env DOCKER_HOST="unix://$psock" "$ballast" analyze --engine-layers directory docker-daemon:e2e/engine:1
    expect_error podman-unknown-image "no such image in the engine at $psock" \
      env DOCKER_HOST="unix://$psock" "$ballast" analyze docker-daemon:e2e/nope:1
  else
    echo "FAIL podman system service did not create $psock"; tail "$work/podman-service.log"; fail=1
  fi
  kill "$podman_pid" 2>/dev/null || true; wait "$podman_pid" 2>/dev/null || true; podman_pid=
  rm -rf "$psock_dir" "$work/podman"
else
  echo "FAIL podman missing"; fail=1
fi

if [ "$fail" -ne 0 ]; then echo "engine e2e: FAILED"; exit 1; fi
echo "engine e2e: all checks passed"
