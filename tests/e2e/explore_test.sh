#!/usr/bin/env bash
# End to end: `ballast explore` in a real terminal (tmux, detached, of a fixed
# size), driven by `tmux send-keys` and read back with `tmux capture-pane`.
# Two images: the README's example (libballast's writer: layers, findings,
# reclaimable bytes, a whiteout) and a docker-archive written by hand in
# python (lib/pkg_image.py: three dpkg packages). Every number on screen is
# checked against `ballast analyze --format json --bytes --files` of the same
# image, recomputed by lib/explore_screen.py from the JSON's own lists:
#  (a) the totals, the layers pane, the tree's root and its children by size;
#  (b) navigation (j, l, Enter, h), sort by name (s) and back;
#  (c) the / filter (a glob, a substring) and > (only files of at least N):
#      the files shown and the counts equal the JSON's matching files;
#  (d) the findings pane (errors first) and Enter on a finding: only its paths;
#  (e) a layer's own tree: its root is the layer's files_size, the whiteout
#      is marked R with the bytes it deletes;
#  (f) the packages pane and Enter on a package: its files and final bytes;
#  (g) ? shows the help, any key closes it; tmux resize-window redraws at the
#      new size, a too small one says so, and back;
#  (h) NO_COLOR: no colour escape in the screen (capture -e), while without it
#      there are (positive control); q and Ctrl-C exit 0;
#  (i) stdout not a terminal: one line on stderr, exit 2, nothing on stdout.
# Text captures are kept under BUILD_DIR/e2e-explore/. BALLAST_UPDATE_SCREENSHOT=1
# also renders the example's screen to docs/img/explore.png (chromium).
# Usage: explore_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$(cd "$2" && pwd)
work="$build/e2e-explore"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"  # e2e_skip_or_fail
command -v tmux >/dev/null || e2e_skip_or_fail "tmux not installed (apt-get install tmux)"
command -v python3 >/dev/null || e2e_skip_or_fail "python3 not installed"
[ -x "$build/make_example_image" ] || e2e_skip_or_fail "$build/make_example_image not built"

fail=0
ok() { echo "ok   $* (${SECONDS}s)"; }
bad() { echo "FAIL $*"; fail=1; }

# A private tmux server (its own socket, no config file): never anyone else's.
sock="$work/tmux.sock"
T() { tmux -S "$sock" "$@"; }
trap 'T kill-server 2>/dev/null || true' EXIT

sessions=0
sess=""
cap() {  # cap NAME: the screen as text into $work/NAME.txt
  T capture-pane -p -t "$sess" >"$work/$1.txt"
}
# Waits until the screen shows TEXT (fixed string), up to 10 s.
wait_for() {
  for _ in $(seq 1 100); do
    T capture-pane -p -t "$sess" 2>/dev/null | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "     (timed out waiting for: $1)"; T capture-pane -p -t "$sess" 2>/dev/null | head -40 || true
  return 1
}
keys() { T send-keys -t "$sess" "$@"; sleep 0.3; }
start() {  # start COLS ROWS IMAGE [ENV...]: explore in a new session; its exit code lands in $work/rc
  local cols=$1 rows=$2 image=$3; shift 3
  local old=${sess:-}
  sess="e2e$((++sessions))"
  rm -f "$work/rc"
  T -f /dev/null new-session -d -s "$sess" -x "$cols" -y "$rows" \
    "env $* '$ballast' explore --no-config --bytes '$image'; echo \$? >'$work/rc'; sleep 600"
  # The old session goes once the new one holds the server up (an empty server exits).
  [ -z "$old" ] || T kill-session -t "$old" 2>/dev/null || true
  wait_for "? help" || bad "explore did not start on $image"
}
check() {  # check CHECK CAPTURE REPORT ARGS...
  local name=$1 capture=$2; shift 2
  if python3 "$here/lib/explore_screen.py" "$name" "$work/$capture.txt" "$@" >"$work/$capture.$name.out"; then
    ok "$capture: $name $(grep -c '^ok' "$work/$capture.$name.out") checks"
  else
    grep FAIL "$work/$capture.$name.out"; bad "$capture: $name"
  fi
}

# (i) first: not a terminal.
"$build/make_example_image" "$work/example.tar" >/dev/null
rc=0; "$ballast" explore --no-config "$work/example.tar" </dev/null >"$work/pipe.out" 2>"$work/pipe.err" || rc=$?
if [ "$rc" = 2 ] && [ ! -s "$work/pipe.out" ] && [ "$(wc -l <"$work/pipe.err")" = 1 ]; then
  ok "not a terminal: exit 2, one line: $(cat "$work/pipe.err")"
else bad "not a terminal: rc=$rc, stdout $(wc -c <"$work/pipe.out") bytes, stderr: $(cat "$work/pipe.err")"; fi

ex="$work/example.json"
"$ballast" analyze --no-config --format json --bytes --files "$work/example.tar" >"$ex"

# (a) the first screen.
start 120 40 "$work/example.tar"
cap start; check start start "$ex"
# (b) navigation: j to the biggest directory, l opens it, its children by size.
top=$(python3 -c "
import json,sys; sys.path.insert(0,'$here/lib'); import explore_screen as s
r=json.load(open('$ex')); k=s.children(r,'/'); print(sorted(k.items(), key=lambda kv:(-kv[1],kv[0]))[0][0])")
keys j; cap down; check cursor down "$ex" "/$top"
keys l; cap open; check dir open "$ex" "/$top"
keys l; sub=$(python3 -c "
import json,sys; sys.path.insert(0,'$here/lib'); import explore_screen as s
r=json.load(open('$ex')); k=s.children(r,'/$top'); print(sorted(k.items(), key=lambda kv:(-kv[1],kv[0]))[0][0])")
cap right; check cursor right "$ex" "/$top/$sub"
keys h; cap left; check cursor left "$ex" "/$top"
keys h; keys k; cap closed; check cursor closed "$ex" "/"
keys s; cap byname; check dir byname "$ex" / name
keys s; cap bysize; check dir bysize "$ex" / size
# (c) filters.
keys / '*.safetensors' Enter; cap glob; check filter glob "$ex" glob '*.safetensors'
keys x / 'PIP' Enter; cap text; check filter text "$ex" text pip
keys x '>' 1000000 Enter; cap min; check filter min "$ex" all '' 1000000
keys / '*.py' Enter; cap both; check filter both "$ex" glob '*.py' 1000000
keys x
# (d) findings: Tab from the tree; Enter on the second.
keys Tab; cap findings; check findings findings "$ex"
keys j Enter; cap finding; check finding-open finding "$ex" 1
keys x
# (e) the layer with the whiteout: BTab from the tree to the layers pane, down to it.
wh=$(python3 -c "
import json; r=json.load(open('$ex')); print([l['index'] for l in r['layers'] if l['whiteout_count']][0])")
keys BTab; for _ in $(seq 0 "$wh"); do keys j; done
cap layer; check layer layer "$ex" "$wh"
keys Enter e; cap layeropen; check layer layeropen "$ex" "$wh" removal
keys BTab k; cap layerabove; check layer layerabove "$ex" "$((wh - 1))"
# (g) help, resize.
keys '?'; cap help; check help help "$ex"
keys j; cap nohelp; check no-help nohelp "$ex"
T resize-window -t "$sess" -x 70 -y 20; sleep 0.5; cap small; check size small "$ex" 70 20
T resize-window -t "$sess" -x 40 -y 10; sleep 0.5; cap tiny; check too-small tiny "$ex"
T resize-window -t "$sess" -x 120 -y 40; sleep 0.5; cap big; check size big "$ex" 120 40
keys q; for _ in $(seq 1 50); do [ -s "$work/rc" ] && break; sleep 0.1; done
[ "$(cat "$work/rc" 2>/dev/null)" = 0 ] && ok "q exits 0" || bad "q: exit $(cat "$work/rc" 2>/dev/null)"

# (h) colour: a layer's tree has A marks (green) unless NO_COLOR is set.
colours() {  # colours NAME ENV...: $work/NAME.n: SGR colour escapes on a layer's screen
  local name=$1; shift
  start 120 40 "$work/example.tar" "$@"
  keys BTab; keys j j Enter e
  T capture-pane -e -p -t "$sess" >"$work/$name.ansi"
  { grep -aoE $'\e\\[[0-9;]*3[1-7](;[0-9]+)*m' "$work/$name.ansi" || true; } | wc -l >"$work/$name.n"
}
colours colour TERM=screen-256color; colours nocolour NO_COLOR=1 TERM=screen-256color
with=$(cat "$work/colour.n"); without=$(cat "$work/nocolour.n")
[ "$with" -gt 0 ] && ok "colour escapes without NO_COLOR: $with" || bad "no colour at all (the NO_COLOR check is blind)"
[ "$without" = 0 ] && ok "NO_COLOR=1: no colour escape" || bad "NO_COLOR=1: $without colour escapes"

# (f) packages, on the hand-written image.
python3 "$here/lib/pkg_image.py" "$work/packages.tar"
pk="$work/packages.json"
"$ballast" analyze --no-config --format json --bytes --files "$work/packages.tar" >"$pk"
python3 -c "
import json; p={x['label']:x['stored_bytes'] for x in json.load(open('$pk'))['packages']}
assert p=={'deb:gamma':50000,'deb:alpha':32000,'deb:beta':9000}, p" && ok "packages JSON as hand-computed" || bad "packages JSON"
start 120 40 "$work/packages.tar"
keys Tab Tab; cap packages; check packages packages "$pk"
keys j Enter; cap package; check package-open package "$pk" deb:alpha
keys C-c; for _ in $(seq 1 50); do [ -s "$work/rc" ] && break; sleep 0.1; done
[ "$(cat "$work/rc" 2>/dev/null)" = 0 ] && ok "Ctrl-C quits cleanly (exit 0)" || bad "Ctrl-C: exit $(cat "$work/rc" 2>/dev/null)"

if [ "${BALLAST_UPDATE_SCREENSHOT:-}" = 1 ]; then
  start 110 30 "$work/example.tar"
  keys b j l  # human units for the picture
  T capture-pane -e -p -t "$sess" >"$work/readme.ansi"
  python3 "$here/lib/ansi_html.py" "$work/readme.ansi" >"$work/readme.html"
  HOME="$work/home" DBUS_SESSION_BUS_ADDRESS=disabled: timeout 60 chromium --headless --no-sandbox --disable-gpu \
    --no-first-run --user-data-dir="$work/profile" --window-size=880,470 --screenshot="$work/readme.png" \
    "file://$work/readme.html" 2>/dev/null
  cp "$work/readme.png" "$here/../../docs/img/explore.png"
fi

if ((fail)); then echo "explore: FAILED"; exit 1; fi
echo "explore: all checks passed"
