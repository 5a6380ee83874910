#!/usr/bin/env bash
# Oracle for `ballast context`: the real Docker Engine + BuildKit builds
# `FROM bb:base` + `COPY . /ctx` over contexts with tricky .dockerignore files;
# the paths under /ctx in the image must equal `ballast context --list`.
# Also checks ballast's bad-input behaviour (exit 2 with file:line) on
# patterns the engine rejects, and that unreadable/looping/non-UTF-8 contexts
# are walked without crashing.
#   bash tests/e2e/context_test.sh <ballast-binary> <build-dir>
set -euo pipefail
BALLAST=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BUILD_DIR=$2
source "$(dirname "$0")/lib/dockerd.sh"

WORK=$(mktemp -d /tmp/ballast-e2e-context.XXXXXX)
chmod 755 "$WORK"  # the unreadable-entry check runs as nobody
cleanup_work() { rm -rf "$WORK"; }
fail=0; passed=0

# --- bad input first: needs no engine --------------------------------------
bad() {  # name ignore-content expected-stderr-substring
  local d="$WORK/bad-$1"; mkdir -p "$d"; printf '%b' "$2" > "$d/.dockerignore"; touch "$d/f"
  set +e; err=$("$BALLAST" context "$d" 2>&1 >/dev/null); rc=$?; set -e
  if [ "$rc" = 2 ] && [[ "$err" == *"$3"* ]]; then passed=$((passed+1)); else
    echo "FAIL bad-input $1: rc=$rc err=$err (want exit 2 and '$3')"; fail=$((fail+1)); fi
}
bad bang 'ok\n!\n' '.dockerignore:2: illegal exclusion pattern: "!"'
bad bracket '# c\n\n[\n' '.dockerignore:3: syntax error in pattern'

odd="$WORK/odd"; mkdir -p "$odd/d" "$odd/locked"
ln -s .. "$odd/d/up"; ln -s loop "$odd/loop"; printf x > "$odd/$(printf 'caf\xe9')"; printf y > "$odd/locked/z"
chmod 000 "$odd/locked"
set +e; out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$BALLAST" context "$odd" --format json 2>&1); rc=$?; set -e
chmod 755 "$odd/locked"
if [ "$rc" = 0 ] && [[ "$out" == *'"breaks_build": true'* ]]; then passed=$((passed+1)); else
  echo "FAIL odd context: rc=$rc"; echo "$out" | head -20; fail=$((fail+1)); fi

# --- the engine -------------------------------------------------------------
e2e_start_dockerd "$BUILD_DIR/e2e-context"
trap 'e2e_stop_dockerd; cleanup_work' EXIT
e2e_busybox_base bb:base
server=$(e2e_docker version --format '{{.Server.Version}}')
engine=buildkit
case "$server" in 20.10.*) engine=20.10 ;; esac
echo "engine $server: comparing with ballast --engine $engine"

# check NAME DIR [extra docker build args...]
check() {
  local name=$1 dir=$2; shift 2
  local df=()
  if [ "${1:-}" = -f ]; then df=(-f "$2"); fi
  if ! e2e_docker build -q -t "ctx-e2e:$name" "$@" "$dir" >"$WORK/$name.build" 2>&1; then
    echo "FAIL $name: docker build failed"; cat "$WORK/$name.build"; fail=$((fail+1)); return; fi
  local cid; cid=$(e2e_docker create "ctx-e2e:$name" /bin/true)
  e2e_docker export "$cid" | tar -t | sed -n 's|^ctx/||p' | grep -v '^$' | LC_ALL=C sort > "$WORK/$name.engine"
  e2e_docker rm "$cid" >/dev/null
  "$BALLAST" context "$dir" "${df[@]}" --engine "$engine" --list | LC_ALL=C sort > "$WORK/$name.ballast"
  if diff -u "$WORK/$name.engine" "$WORK/$name.ballast" > "$WORK/$name.diff"; then passed=$((passed+1)); else
    echo "FAIL $name: engine (-) vs ballast (+)"; cat "$WORK/$name.diff"; fail=$((fail+1)); fi
}
mk() { rm -rf "$1"; mkdir -p "$1"; printf 'FROM bb:base\nCOPY . /ctx\n' > "$1/Dockerfile"; }
f() { mkdir -p "$(dirname "$1")"; printf '%s' "${2:-x}" > "$1"; }

# Exceptions inside excluded directories, at several depths.
d=$WORK/exceptions; mk $d
printf 'docs\n!docs/README.md\nex\n!ex/sub/keep.txt\n' > $d/.dockerignore
f $d/docs/README.md; f $d/docs/other.md; f $d/ex/sub/keep.txt; f $d/ex/sub/o; f $d/ex/top; f $d/src/a.go
check exceptions $d
# `**` in all positions, `**file` suffix, prefix `dir/**` with an exception.
d=$WORK/doublestar; mk $d
printf '**/foo\n**/*.log\nbuild/**\n!build/keep/**\n' > $d/.dockerignore
f $d/a/b/foo/x; f $d/a/foo/y; f $d/a/z; f $d/x.log; f $d/deep/er/y.log; f $d/build/out.o; f $d/build/keep/k; f $d/buildx
check doublestar $d
# Leading and trailing slashes, character classes, negated class, ranges.
d=$WORK/slashes; mk $d
printf '/top\nsub/\n*.[ch]\n!keep.c\n[^a-m]*.md\nv[0-9]/\n' > $d/.dockerignore
f $d/top; f $d/dir/top/x; f $d/sub/s; f $d/a.c; f $d/keep.c; f $d/b.h; f $d/c.cc; f $d/alpha.md; f $d/zeta.md
f $d/v1/x; f $d/v10/x; f $d/vx/x
check slashes $d
# The Dockerfile and .dockerignore excluded: BuildKit does not force them in.
d=$WORK/selfexclude; mk $d
printf 'Dockerfile\n.dockerignore\n*.tmp\n' > $d/.dockerignore; f $d/a; f $d/b.tmp; mkdir -p $d/empty
ln -s nowhere $d/link
check selfexclude $d
# Go regexp semantics leaking through: \d, POSIX classes, escapes.
d=$WORK/regexp; mk $d
printf 'f\\d\ng[[:digit:]]\nlit\\*\n' > $d/.dockerignore
f $d/f1; f $d/fd; f $d/g2; f $d/gd; f $d/'lit*'; f $d/litx
check regexp $d
# Dockerfile-specific ignore file replaces the root one.
d=$WORK/specific; mk $d; mkdir -p $d/sub; mv $d/Dockerfile $d/sub/Dockerfile
printf 'a\n' > $d/.dockerignore; printf 'b\nsub/*.dockerignore\n' > $d/sub/Dockerfile.dockerignore; f $d/a; f $d/b
check specific $d -f $d/sub/Dockerfile
# Order-dependent exceptions on parents (behaviour differs between engines).
d=$WORK/order; mk $d
printf 'foo/bar\n!foo\n*/c\n!a\n' > $d/.dockerignore; f $d/foo/bar/x; f $d/foo/y; f $d/a/c; f $d/a/d
check order $d

echo "$passed passed, $fail failed"
[ "$fail" = 0 ]
