#!/usr/bin/env bash
# End to end: `ballast diff` of two images the real engine built from one base.
# A and B share the Debian base and one RUN layer (BuildKit's cache gives B the
# very same layer); B then installs a newer version of one package and a new
# package (real .debs made here with dpkg-deb, installed by dpkg), grows a file,
# drops a layer and changes an ENV. The expected values never come from ballast
# diff itself:
#   totals        = the difference of two independent `ballast analyze` runs;
#   shared/added/removed layers = set algebra on `docker inspect .RootFS.Layers`;
#   packages      = `dpkg-query -W` run inside a container of each image;
#   config        = `docker inspect .Config.Env`;
#   files         = what the Dockerfiles do (sizes written by head -c);
#   -d layer      = every level adds up to the header.
# A saved `analyze --format json --files` report as the baseline must give the
# same diff as the image itself. Bad input: exit 2 and one line.
# Usage: diff_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build_dir=$(cd "$2" && pwd)
work="$build_dir/e2e-diff"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
command -v dpkg-deb >/dev/null || e2e_skip_or_fail "dpkg-deb not installed"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed"
base_tar=$(e2e_debian_base_tar "$build_dir")
e2e_start_dockerd "$work/engine"
e2e_docker import "$base_tar" deb:base >/dev/null

fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
same() {  # same NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected [$2], got [$3]"; fi
}

# --- two packages, three .debs, made with the real dpkg-deb ---------------------
make_deb() {  # make_deb NAME VERSION KBYTES
  local name=$1 version=$2 kb=$3 root="$work/debroot-$1-$2"
  mkdir -p "$root/DEBIAN" "$root/usr/share/$name"
  printf 'Package: %s\nVersion: %s\nArchitecture: all\nMaintainer: e2e <e2e@example.org>\nDescription: e2e fixture\n' \
    "$name" "$version" >"$root/DEBIAN/control"
  head -c $((kb * 1000)) /dev/urandom >"$root/usr/share/$name/data.bin"
  dpkg-deb --root-owner-group -Znone -b "$root" "$work/ctx/${name}_${version}.deb" >/dev/null
}
mkdir -p "$work/ctx"
make_deb e2e-tool 1.0 100
make_deb e2e-tool 2.0 180
make_deb e2e-extra 1.0 300

cat >"$work/ctx/A.Dockerfile" <<'EOF'
FROM deb:base
RUN mkdir /common && head -c 50000 /dev/urandom >/common/data
COPY e2e-tool_1.0.deb /tmp/
RUN dpkg -i /tmp/e2e-tool_1.0.deb >/dev/null && rm /tmp/e2e-tool_1.0.deb
RUN head -c 100000 /dev/urandom >/app.bin
RUN echo "this layer is gone in B" >/gone.txt
ENV MODE=old KEEP=yes
EOF
cat >"$work/ctx/B.Dockerfile" <<'EOF'
FROM deb:base
RUN mkdir /common && head -c 50000 /dev/urandom >/common/data
COPY e2e-tool_2.0.deb e2e-extra_1.0.deb /tmp/
RUN dpkg -i /tmp/e2e-tool_2.0.deb /tmp/e2e-extra_1.0.deb >/dev/null && rm /tmp/*.deb
RUN head -c 250000 /dev/urandom >/app.bin
ENV MODE=new KEEP=yes
EOF
e2e_docker build -q -f "$work/ctx/A.Dockerfile" -t e2e/diff:a "$work/ctx" >/dev/null
e2e_docker build -q -f "$work/ctx/B.Dockerfile" -t e2e/diff:b "$work/ctx" >/dev/null
e2e_docker save -o "$work/a.tar" e2e/diff:a
e2e_docker save -o "$work/b.tar" e2e/diff:b

# --- the independent sides ------------------------------------------------------
cd "$work"
"$ballast" analyze --format json --bytes --files a.tar >a.json
"$ballast" analyze --format json --bytes --files b.tar >b.json
"$ballast" diff --format json --bytes a.tar b.tar >diff.json
"$ballast" diff --format json --bytes docker-daemon:e2e/diff:a docker-daemon:e2e/diff:b >diff-daemon.json

for t in stored_bytes final_bytes reclaimable_bytes layers; do
  a=$(jq ".totals.$t" a.json); b=$(jq ".totals.$t" b.json)
  same "totals.$t a" "$a" "$(jq ".totals.$t.a" diff.json)"
  same "totals.$t b" "$b" "$(jq ".totals.$t.b" diff.json)"
  same "totals.$t change" "$((b - a))" "$(jq ".totals.$t.change" diff.json)"
done
ca=$(jq '[.layers[].compressed_size] | add' a.json); cb=$(jq '[.layers[].compressed_size] | add' b.json)
same "totals.compressed_bytes change" "$((cb - ca))" "$(jq '.totals.compressed_bytes.change' diff.json)"
# Positive control: the sides really differ (else every check above is 0 = 0).
[ "$(jq '.totals.stored_bytes.change' diff.json)" -gt 200000 ] && ok "B is bigger" || bad "B is not bigger"

# Layers: set algebra on the engine's own diffIDs.
e2e_docker image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' e2e/diff:a | sed '/^$/d' | sort >a.layers
e2e_docker image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' e2e/diff:b | sed '/^$/d' | sort >b.layers
same "shared layers" "$(comm -12 a.layers b.layers | tr '\n' ' ')" "$(jq -r '.layers.shared[].diff_id' diff.json | sort | tr '\n' ' ')"
same "added layers" "$(comm -13 a.layers b.layers | tr '\n' ' ')" "$(jq -r '.layers.added[].diff_id' diff.json | sort | tr '\n' ' ')"
same "removed layers" "$(comm -23 a.layers b.layers | tr '\n' ' ')" "$(jq -r '.layers.removed[].diff_id' diff.json | sort | tr '\n' ' ')"
same "two layers shared (base + common RUN)" 2 "$(comm -12 a.layers b.layers | wc -l)"

# Packages: what dpkg inside each container says, subtracted here.
e2e_docker run --rm e2e/diff:a dpkg-query -W -f '${Package} ${Version}\n' | sort >a.pkgs
e2e_docker run --rm e2e/diff:b dpkg-query -W -f '${Package} ${Version}\n' | sort >b.pkgs
expected_pkgs=$(join -a1 -a2 -e '-' -o '0,1.2,2.2' a.pkgs b.pkgs | awk '$2 != $3 {
  change = ($2 == "-") ? "added" : ($3 == "-") ? "removed" : "changed"
  print $1, change, $2, $3 }' | sort)
actual_pkgs=$(jq -r '.packages[] | "\(.label | sub("^deb:"; "")) \(.change) \(if .version_a == "" then "-" else .version_a end) \(if .version_b == "" then "-" else .version_b end)"' diff.json | sort)
same "package changes = dpkg-query difference" "$expected_pkgs" "$actual_pkgs"
same "package changes are the two the Dockerfiles made" 2 "$(echo "$expected_pkgs" | wc -l)"

# Config: the ENV change and nothing else.
same "config changes" "env MODE changed old new" \
  "$(jq -r '.config[] | "\(.field) \(.key) \(.change) \(.a) \(.b)"' diff.json)"
same "inspect agrees: MODE in A" "MODE=old" "$(e2e_docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' e2e/diff:a | grep '^MODE=')"

# Files: what the Dockerfiles wrote.
same "/app.bin grown" "changed 100000 250000 true" \
  "$(jq -r '.files[] | select(.path == "/app.bin") | "\(.change) \(.size_a) \(.size_b) \(.content)"' diff.json)"
same "/gone.txt removed" "removed" "$(jq -r '.files[] | select(.path == "/gone.txt") | .change' diff.json)"
same "e2e-extra data added" "added 300000" \
  "$(jq -r '.files[] | select(.path == "/usr/share/e2e-extra/data.bin") | "\(.change) \(.size_b)"' diff.json)"
same "/common/data unchanged (not listed)" "" "$(jq -r '.files[] | select(.path == "/common/data") | .path' diff.json)"

# Every breakdown level adds up to the header.
"$ballast" diff --format json --bytes -d layer,dir --top 3 a.tar b.tar >diff-d.json
same "-d layer rows add up" "$(jq '.totals.stored_bytes.change' diff-d.json)" "$(jq '[.breakdown.tree.children[].stored.change] | add' diff-d.json)"
same "-d every row with children adds up" "" "$(jq -r '.breakdown.tree | .. | objects | select(.children != null and (.children | length) > 0)
  | select(([.children[].stored.change] | add) != .stored.change) | .name' diff-d.json)"
[ "$(jq '[.breakdown.tree | .. | objects | select((.children // []) | length > 0)] | length' diff-d.json)" -gt 3 ] \
  && ok "-d tree has nested rows" || bad "-d tree has no nested rows"

# The same diff read from the engine and from a saved report.
canon='del(.a, .b)'
same "docker-daemon: equals files" "$(jq -S "$canon" diff.json)" "$(jq -S "$canon" diff-daemon.json)"
"$ballast" diff --format json --bytes a.json b.tar >diff-report.json
same "saved report baseline: totals" "$(jq -S .totals diff.json)" "$(jq -S .totals diff-report.json)"
same "saved report baseline: files" "$(jq -S .files diff.json)" "$(jq -S .files diff-report.json)"

# Markdown: the marker first, the growth in the headline.
"$ballast" diff --format markdown a.tar b.tar >diff.md
same "markdown marker line" "<!-- ballast-diff -->" "$(head -1 diff.md)"

# Cost: the update pull is B's layers the engine says A lacks (comm above), at the compressed sizes
# a separate `analyze --cost` of b.tar gives (ISA-L estimates: docker save writes plain tars).
"$ballast" analyze --format json --bytes --cost b.tar >bc.json
"$ballast" diff --format json --bytes --cost a.tar b.tar >diff-cost.json
want=0
for id in $(comm -13 a.layers b.layers); do
  n=$(jq --arg id "$id" '. as $d | [range(0; .layers | length) | select($d.layers[.].diff_id == $id) | $d.cost.layers[.].compressed_bytes] | add // 0' bc.json)
  want=$((want + n))
done
[ "$want" -gt 0 ] && ok "B has new compressed bytes ($want)" || bad "no new compressed bytes in B"
same "cost: update pull bytes" "$want" "$(jq '.cost.update.pull_bytes' diff-cost.json)"
same "cost: B per month as analyze" "$(jq '.cost.per_month' bc.json)" "$(jq '.cost.b.per_month' diff-cost.json)"
same "cost: estimated (docker save)" true "$(jq '.cost.estimated' diff-cost.json)"
"$ballast" diff --cost a.tar b.tar >diff-cost.txt
grep -q 'compressed sizes estimated with ISA-L gzip' diff-cost.txt && ok "text says the sizes are estimates" || bad "text: $(cat diff-cost.txt)"

# Bad input.
rc=0; "$ballast" diff a.tar docker-daemon:e2e/diff:nope >bad.out 2>bad.err || rc=$?
if [ "$rc" -eq 2 ] && [ "$(wc -l <bad.err)" -eq 1 ] && [ ! -s bad.out ]; then ok "unknown image: $(cat bad.err)"; else bad "unknown image: exit $rc: $(cat bad.err)"; fi
head -c 1000 a.tar >cut.tar
rc=0; "$ballast" diff cut.tar b.tar >bad.out 2>bad.err || rc=$?
if [ "$rc" -eq 2 ] && [ "$(wc -l <bad.err)" -eq 1 ] && [ ! -s bad.out ]; then ok "truncated archive: $(cat bad.err)"; else bad "truncated archive: exit $rc: $(cat bad.err)"; fi

exit $fail
