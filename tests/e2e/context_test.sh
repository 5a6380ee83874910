#!/usr/bin/env bash
# Oracle for `ballast context`: the real Docker Engine + BuildKit builds
# `FROM bb:base` + `COPY . /ctx` over contexts with tricky .dockerignore files;
# the paths under /ctx in the image must equal `ballast context --list`.
# Also checks ballast's bad-input behaviour (exit 2 with file:line) on
# patterns the engine rejects, and that unreadable/looping/non-UTF-8 contexts
# are walked without crashing. Then `--changed` against the engine's build
# cache: the steps a rebuild runs must be the instructions ballast invalidates.
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

# --- --changed against the engine's cache -----------------------------------
# Build a two-stage Dockerfile (directory, single-file and wildcard COPY, a
# RUN --mount=type=bind of a context directory, COPY --from the first stage),
# change one file, build again: the steps that were not CACHED must be exactly
# the instructions `ballast context --changed FILE` invalidates. One
# instruction per line, no ENV/ARG/WORKDIR, so step k/n of a stage is line
# FROM+k-1. (COPY --exclude / --parents need a newer Dockerfile frontend than
# this engine's built-in one: unit tests only.)
d=$WORK/changed; rm -rf "$d"; mkdir -p "$d"
cat > "$d/Dockerfile" <<'DOCKERFILE'
FROM bb:base AS builder
COPY lib/ /srclib/
RUN --mount=type=bind,source=data,target=/data cat /data/d1.txt /data/sub/d2.txt /srclib/l.txt > /out.txt
RUN cat /out.txt /out.txt > /final.txt
FROM bb:base
COPY app.py /app/
COPY conf/*.yaml /etc/app/
COPY --from=builder /final.txt /final.txt
RUN cat /app/app.py /etc/app/* /final.txt > /summary
DOCKERFILE
printf 'conf/skip.yaml\n*.tmp\n' > "$d/.dockerignore"
f "$d/lib/l.txt" lib; f "$d/data/d1.txt" d1; f "$d/data/sub/d2.txt" d2; f "$d/app.py" 'print(1)'
f "$d/conf/a.yaml" 'a: 1'; f "$d/conf/b.yaml" 'b: 2'; f "$d/conf/skip.yaml" 'skip: 1'; f "$d/notes.tmp" n
f "$d/unused.txt" u

# "label k" for every step of the plain progress output that ran (not CACHED), FROM excepted.
engine_rebuilt() {
  awk '
    match($0, /^#[0-9]+ \[([^]]* )?[0-9]+\/[0-9]+\] /) {
      id = $1; head = substr($0, RSTART, RLENGTH); sub(/^#[0-9]+ \[/, "", head); sub(/\] $/, "", head)
      n = split(head, w, " "); split(w[n], kn, "/"); label = (n > 1 ? w[1] : "stage-0")
      if (kn[1] > 1) step[id] = label " " kn[1]
    }
    /^#[0-9]+ CACHED$/ { cached[$1] = 1 }
    END { for (id in step) if (!(id in cached)) print step[id] }' "$1" | LC_ALL=C sort -u
}
# The same "label k" from ballast's invalidations (stage name, else stage-N).
ballast_rebuilt() {
  "$BALLAST" context "$d" --engine "$engine" --changed "$1" --format json |
    jq -r --slurpfile froms <(grep -n '^FROM' "$d/Dockerfile" | cut -d: -f1 | jq -s .) '
      .invalidations[0].stages[] | . as $s
      | (if $s.name == "" then "stage-\($s.stage)" else ($s.name | ascii_downcase) end) as $lbl
      | $s.lines[] | "\($lbl) \(. - $froms[0][$s.stage] + 1)"' | LC_ALL=C sort -u
}
changed_build() {  # name: one build with plain progress
  e2e_docker build --progress=plain -t ctx-e2e:changed "$d" >"$WORK/changed-$1.log" 2>&1
}
if ! changed_build first; then
  echo "FAIL changed: first build failed"; tail -20 "$WORK/changed-first.log"; fail=$((fail+1))
else
  for file in data/sub/d2.txt conf/b.yaml conf/skip.yaml app.py lib/l.txt unused.txt; do
    name=$(echo "$file" | tr / _)
    printf ' changed' >> "$d/$file"
    if ! changed_build "$name"; then
      echo "FAIL changed $file: build failed"; tail -20 "$WORK/changed-$name.log"; fail=$((fail+1)); continue
    fi
    engine_rebuilt "$WORK/changed-$name.log" > "$WORK/changed-$name.engine"
    ballast_rebuilt "$file" > "$WORK/changed-$name.ballast"
    if diff -u "$WORK/changed-$name.engine" "$WORK/changed-$name.ballast" > "$WORK/changed-$name.diff"; then
      passed=$((passed+1)); echo "changed $file: rebuilt [$(tr '\n' ',' < "$WORK/changed-$name.engine")]"
    else
      echo "FAIL changed $file: engine (-) vs ballast (+)"; cat "$WORK/changed-$name.diff"; fail=$((fail+1))
    fi
  done
fi
# A wildcard source matching nothing copies nothing and the build succeeds
# (BuildKit's AllowEmptyWildcard): ballast says "empty", not an error.
d=$WORK/emptyglob; rm -rf "$d"; mkdir -p "$d"; printf 'FROM bb:base\nCOPY nomatch*.txt /x/\n' > "$d/Dockerfile"
if e2e_docker build -q "$d" >"$WORK/emptyglob.build" 2>&1 &&
   [ "$("$BALLAST" context "$d" --format json | jq -r '.copy_sources[0].status')" = empty ]; then
  passed=$((passed+1)); else echo "FAIL emptyglob"; cat "$WORK/emptyglob.build"; fail=$((fail+1)); fi

echo "$passed passed, $fail failed"
[ "$fail" = 0 ]
