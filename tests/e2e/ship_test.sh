#!/usr/bin/env bash
# End to end: ballast shipped as software (issue 20).
#   1. `cpack -G DEB` packages the build; the .deb holds the binary, the man
#      page, the three completions and the docs, and its Depends name the
#      Debian package of every shared library the binary needs (found here
#      independently: objdump's NEEDED entries -> ldconfig -> dpkg -S).
#   2. The .deb is installed with `apt-get install ./ballast_*.deb` into a
#      clean Debian 12 (debootstrap, imported into the test's own dockerd);
#      there `ballast --version` runs and `ballast analyze` reads an image; its
#      report equals the host's and agrees with the engine on the layers.
#   3. The repository's Dockerfile passes `ballast lint` with no finding (its
#      .ballast.yaml) and `ballast context` with every sent file COPY'd; the
#      installed image passes `ballast check` under .ballast.yaml's budget.
#   4. bash completes IMAGE with the engine's images, and returns within the
#      timeout when the engine socket never answers.
#   5. With BALLAST_E2E_SELFBUILD=1 (slow: a full Release build in Docker), the
#      Dockerfile itself is built and `ballast --version` runs in it.
# Usage: ship_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build=$(cd "$2" && pwd)
work="$build/e2e-ship"
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"

fail=0
ok() { echo "ok   $*"; }
step() { echo "---- ${SECONDS}s: $*"; }
bad() { echo "FAIL $*"; fail=1; }
check_eq() { if [ "$2" = "$3" ]; then ok "$1 ($3)"; else bad "$1: expected $2, got $3"; fi; }

step "cpack"
# 1. The package. Outputs are captured before grep: under pipefail a grep -q
# that stops early would fail the producer with SIGPIPE.
(cd "$build" && cpack -G DEB -B "$work/deb" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
debs=("$work"/deb/ballast_*.deb)
[ -f "${debs[0]}" ] || { echo "FAIL no .deb in $work/deb"; exit 1; }
deb=${debs[0]}
ok "cpack: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/ballast ./usr/share/man/man1/ballast.1.gz ./usr/share/bash-completion/completions/ballast \
         ./usr/share/zsh/vendor-completions/_ballast ./usr/share/fish/vendor_completions.d/ballast.fish \
         ./usr/share/doc/ballast/README.md ./usr/share/doc/ballast/architecture.md; do
  grep -qF " $f" <<<"$contents" && ok "deb holds $f" || bad "deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
# Package names of Depends, one a line ("libc6 (>= 2.34), libzstd1 (>= 1.5.2)" -> libc6, libzstd1).
dep_names=$(tr ',' '\n' <<<"$depends" | awk '{print $1}')
needed=$(objdump -p "$ballast" | awk '$1 == "NEEDED" {print $2}')
[ -n "$needed" ] || bad "objdump found no NEEDED entries"
ldcache=$(ldconfig -p)
for so in $needed; do
  path=$(awk -v so="$so" '$1 == so && /x86-64/ {print $NF; exit}' <<<"$ldcache")
  [ -n "$path" ] || path=$(awk -v so="$so" '$1 == so {print $NF; exit}' <<<"$ldcache")
  # dpkg knows a file by the path its package shipped (/lib or /usr/lib: merged /usr).
  owner=""
  for p in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr$path" "$(readlink -f "$path" | sed 's|^/usr||')"; do
    owner=$(dpkg -S "$p" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$owner" ] && break
  done
  [ -n "$owner" ] || { bad "$so: no Debian package owns $path"; continue; }
  grep -qxF "$owner" <<<"$dep_names" && ok "Depends names $owner ($so)" || bad "Depends lacks $owner for $so: $depends"
done
for p in libarchive13 libisal2 libzstd1 libcurl4 libyaml-cpp0.7 libssl3 libxxhash0 libtomlplusplus3; do
  grep -qxF "$p" <<<"$dep_names" && ok "Depends: $p" || bad "Depends lacks $p: $depends"
done

step "dockerd and the base"
# 2. A clean Debian 12 with the .deb installed by apt.
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$work/engine"
e2e_docker import "$base_tar" deb:base >/dev/null
e2e_busybox_base bb:base
# The image: the repository Dockerfile's own runtime stage, with its build stage
# replaced by a stage holding the .deb just packaged (so no compile in Docker).
step "the runtime stage"
ctx="$work/ctx"; mkdir -p "$ctx"
cp "$deb" "$ctx/"
{
  grep '^ARG RUNTIME_BASE=' "$src/Dockerfile"
  echo "FROM scratch AS build"
  echo "COPY $(basename "$deb") /out/"
  sed -n '/^FROM .* AS runtime$/,$p' "$src/Dockerfile"
} >"$ctx/Dockerfile"
grep -q '^FROM .* AS runtime$' "$ctx/Dockerfile" || { echo "FAIL no runtime stage in $src/Dockerfile"; exit 1; }
if e2e_docker build -q -t e2e/ship:1 --build-arg RUNTIME_BASE=deb:base "$ctx" >"$work/build.log" 2>&1; then
  ok "the Dockerfile's runtime stage: apt-get install ./$(basename "$deb") in Debian 12"
else tail -20 "$work/build.log"; echo "FAIL apt-get install of the .deb"; exit 1; fi
check_eq "runs as the non-root user" "ballast 10001" \
  "$(e2e_docker run --rm --entrypoint sh e2e/ship:1 -c 'echo "$(id -un) $(id -u)"')"
status=$(e2e_docker run --rm --entrypoint dpkg-query e2e/ship:1 -W -f '${Status} ${Version}' ballast)
check_eq "dpkg: ballast installed" "install ok installed $(dpkg-deb -f "$deb" Version)" "$status"
version=$(e2e_docker run --rm e2e/ship:1 --version)
check_eq "ballast --version in the container" "$("$ballast" --version | head -1)" "$(head -1 <<<"$version")"
grep -q "^  libarchive " <<<"$version" && ok "--version lists libarchive" || bad "--version: $version"
# ballast version --format json: the libraries at run time are the container's, which dpkg knows.
vjson=$(e2e_docker run --rm e2e/ship:1 version --format json)
zstd_pkg=$(e2e_docker run --rm --entrypoint dpkg-query e2e/ship:1 -W -f '${Version}' libzstd1)
check_eq "version json: zstd at run time = libzstd1 ${zstd_pkg}" "${zstd_pkg%%+*}" "$(jq -r '.libraries[] | select(.name == "zstd") | .runtime' <<<"$vjson")"
e2e_docker run --rm --entrypoint test e2e/ship:1 -f /usr/share/man/man1/ballast.1.gz && ok "man page installed" || bad "no man page"

step "analyze in the container"
# ballast analyze inside the clean container, on an image the engine saved.
e2e_docker save -o "$work/bb.tar" bb:base
chmod 644 "$work/bb.tar"
canon='del(.image.source, .tool)'
if e2e_docker run --rm -v "$work/bb.tar:/img.tar:ro" e2e/ship:1 analyze --format json --bytes /img.tar >"$work/in.json" 2>"$work/in.err"; then
  ok "ballast analyze in the container"
else bad "ballast analyze in the container: $(cat "$work/in.err")"; fi
"$ballast" analyze --format json --bytes "$work/bb.tar" >"$work/host.json"
if diff <(jq -S "$canon" "$work/host.json") <(jq -S "$canon" "$work/in.json") >"$work/analyze.diff"; then ok "container report = host report"
else bad "reports differ: $(head -20 "$work/analyze.diff")"; fi
check_eq "layers = the engine's RootFS.Layers" "$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' bb:base)" "$(jq '.totals.layers' "$work/in.json")"
check_eq "busybox size = stat /bin/busybox" "$(stat -c %s /bin/busybox)" \
  "$(jq '[.largest_files[] | select(.path == "/bin/busybox") | .size][0]' "$work/in.json")"

step "lint, context, check"
# 3. ballast on ballast: lint, context, check.
lint_out=$(cd "$src" && "$ballast" lint Dockerfile --context . 2>&1) && lint_rc=0 || lint_rc=$?
check_eq "lint Dockerfile exits 0" 0 "$lint_rc"
check_eq "lint Dockerfile: no finding under .ballast.yaml" "" "$lint_out"
raw=$(cd "$src" && "$ballast" lint Dockerfile --context . --no-config --format json) || true
# Positive control: without the config the two documented infos appear, and nothing worse.
check_eq "lint --no-config: only the ignored infos" "BA2003 BA2005 BA2005" \
  "$(jq -r '[.findings[].id] | sort | join(" ")' <<<"$raw" 2>/dev/null || echo "?")"
check_eq "lint --no-config: no warning" 0 "$(jq '[.findings[] | select(.severity != "info")] | length' <<<"$raw")"
ctx_json=$(cd "$src" && "$ballast" context . --format json)
check_eq "context: no finding" 0 "$(jq '.findings | length' <<<"$ctx_json")"
# Every file sent is under a COPY source of the Dockerfile (the independent list: git).
sent=$(cd "$src" && git ls-files -co --exclude-standard | grep -E '^(CMakeLists.txt|README.md|cmake/|docs/|src/)' | wc -l)
check_eq "context sends exactly the COPY'd files" "$sent" "$(jq '.totals.sent.files' <<<"$ctx_json")"
(cd "$src" && "$ballast" analyze --format json docker-daemon:e2e/ship:1 >"$work/ship.json") || bad "analyze e2e/ship:1"
echo "     e2e/ship:1: $(jq -r '"\(.totals.stored_bytes) bytes stored, \(.totals.layers) layers, \(.totals.reclaimable_bytes) reclaimable"' "$work/ship.json")"
check_out=$(cd "$src" && "$ballast" check docker-daemon:e2e/ship:1 2>&1) && check_rc=0 || check_rc=$?
check_eq "check e2e/ship:1 under .ballast.yaml" 0 "$check_rc"
[ "$check_rc" -eq 0 ] || echo "$check_out"
# Positive control: a budget below the image fails.
(cd "$src" && "$ballast" check docker-daemon:e2e/ship:1 --max-stored 1MB >/dev/null 2>&1) && rc=0 || rc=$?
check_eq "check --max-stored 1MB fails" 1 "$rc"

step "completion"
# 4. Completion of images from this engine (DOCKER_HOST is ours), bounded when it hangs.
"$ballast" completion bash >"$work/ballast.bash"
bash_complete() {
  bash --norc --noprofile -c 'source "$1"; COMP_LINE="$2"; COMP_POINT=${#2}; read -ra COMP_WORDS <<<"$2"
    COMP_CWORD=${#COMP_WORDS[@]}; ((COMP_CWORD--)); _ballast; printf "%s\n" "${COMPREPLY[@]}"' bash "$work/ballast.bash" "$1"
}
images=$(bash_complete 'ballast analyze e2e/sh')
grep -qx 'e2e/ship:1' <<<"$images" && ok "bash completes e2e/sh -> e2e/ship:1" || bad "bash image completion: $images"
images=$(bash_complete 'ballast diff bb:')
grep -qx 'base' <<<"$images" && ok "bash completes bb: -> base (after the ':' word break)" || bad "bash bb: completion: $images"
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(8); time.sleep(60)' "$work/mute.sock" &
mute=$!
for _ in $(seq 50); do [ -S "$work/mute.sock" ] && break; sleep 0.1; done
start=$(date +%s%N)
DOCKER_HOST="unix://$work/mute.sock" bash_complete 'ballast analyze e2e/' >/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$mute" 2>/dev/null || true; wait "$mute" 2>/dev/null || true
[ "$ms" -lt 5000 ] && ok "completion with a mute engine returns in ${ms} ms" || bad "completion took ${ms} ms"

step "self-build"
# 5. The Dockerfile built for real: opt-in (a Release build on this machine's cores).
if [ "${BALLAST_E2E_SELFBUILD:-}" = 1 ]; then
  commit=$(git -C "$src" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
  if e2e_docker build -t ballast:self --build-arg BUILD_BASE=deb:base --build-arg RUNTIME_BASE=deb:base \
       --build-arg BALLAST_GIT_COMMIT="$commit" "$src" >"$work/selfbuild.log" 2>&1; then
    ok "docker build of the repository's Dockerfile"
    self=$(e2e_docker run --rm ballast:self --version)
    check_eq "ballast --version in ballast:self" "commit: $commit" "$(sed -n 2p <<<"$self")"
    check_eq "runs as" "ballast" "$(e2e_docker run --rm --entrypoint id ballast:self -un)"
    (cd "$src" && "$ballast" check docker-daemon:ballast:self) && ok "ballast check ballast:self" || bad "ballast check ballast:self"
    (cd "$src" && "$ballast" analyze docker-daemon:ballast:self) >"$work/self.txt" || true
    head -12 "$work/self.txt"
  else tail -30 "$work/selfbuild.log"; bad "docker build of the Dockerfile"; fi
else
  echo "note: BALLAST_E2E_SELFBUILD=1 also builds the repository's Dockerfile (a full Release build)"
fi
step "done"
exit $fail
