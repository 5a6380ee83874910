#!/usr/bin/env bash
# End to end: `ballast analyze --format html` in a real browser (Debian's
# chromium, headless). For two images, the README's example (libballast's
# writer, with packages and findings) and one the test's own Docker Engine
# builds with hostile file names (<img onerror>, quotes, &, a newline, bytes
# that are not UTF-8, "</script><!--"), 81 entries in one directory (folding)
# and a hardlink:
#  (a) the page renders with no console message at all (a planted error page
#      is the positive control of that check) and its script reports no error;
#  (b) every number of the tables and the totals the script adds up from the
#      embedded tree equal `--format json` of the same image (lib/html_check.py);
#  (c) #drill=/usr (the page clicks the cell, as a user does) shows /usr with
#      the bytes the JSON's file list has below /usr; the reclaimable view too;
#  (d) the hostile names are text, never markup: no <img> element in the DOM,
#      while the name itself is there as text (positive control);
#  (e) screenshots are kept under BUILD_DIR/e2e-html/ as artifacts.
# BALLAST_UPDATE_SCREENSHOT=1 also copies the example's to docs/img/html-report.png.
# Usage: html_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$(cd "$2" && pwd)
work="$build/e2e-html"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
source "$here/lib/dockerd.sh"
command -v chromium >/dev/null || e2e_skip_or_fail "chromium not installed (apt-get install chromium)"
command -v python3 >/dev/null || e2e_skip_or_fail "python3 not installed"
[ -x "$build/make_example_image" ] || e2e_skip_or_fail "$build/make_example_image not built"

fail=0
ok() { echo "ok   $* (${SECONDS}s)"; }
bad() { echo "FAIL $*"; fail=1; }

# Chromium as root needs --no-sandbox; its profile and HOME stay in $work;
# no D-Bus here (its complaints are not the page's).
browser() {  # browser URL ARGS... (stdout: what chromium prints; stderr: to $work/last.err)
  local url=$1; shift
  HOME="$work/home" DBUS_SESSION_BUS_ADDRESS=disabled: timeout 60 chromium --headless --no-sandbox --disable-gpu \
    --no-first-run --no-default-browser-check --disable-extensions --disable-background-networking \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --virtual-time-budget=3000 \
    --window-size=1100,800 "$@" "$url" 2>"$work/last.err"
}
console_lines() { grep -a 'CONSOLE' "$work/last.err" || true; }

# (a) positive control: the console check sees an error a page makes.
printf '<!DOCTYPE html><html><body><script>undefinedFn();</script></body></html>\n' >"$work/broken.html"
browser "file://$work/broken.html" --dump-dom >/dev/null
if console_lines | grep -q 'undefinedFn'; then ok "console check sees a planted error"; else bad "console check is blind"; fi

page() {  # page NAME IMAGE
  local name=$1 image=$2; shift 2
  "$ballast" analyze --no-config --format html -o "$work/$name.html" "$image"
  "$ballast" analyze --no-config --format json --bytes --files "$image" >"$work/$name.json"
  local size; size=$(stat -c %s "$work/$name.html")
  echo "     $name.html: $size bytes"
  browser "file://$work/$name.html" --dump-dom >"$work/$name.dom.html"
  if [ -n "$(console_lines)" ]; then bad "$name: console messages:"; console_lines | head; else ok "$name: no console message"; fi
  python3 "$here/lib/html_check.py" "$work/$name.dom.html" "$work/$name.json" view=final path=/ || bad "$name: page numbers"
  browser "file://$work/$name.html" --screenshot="$work/$name.png" >/dev/null
  [ -s "$work/$name.png" ] && ok "$name: screenshot $work/$name.png" || bad "$name: no screenshot"
}

drill() {  # drill NAME FRAGMENT EXPECTATIONS...
  local name=$1 frag=$2; shift 2
  browser "file://$work/$name.html#$frag" --dump-dom >"$work/$name.drill.html"
  if [ -n "$(console_lines)" ]; then bad "$name#$frag: console messages"; console_lines | head; fi
  python3 "$here/lib/html_check.py" "$work/$name.drill.html" "$work/$name.json" "$@" >"$work/$name.drill.out" \
    && ok "$name#$frag: $*" || { grep FAIL "$work/$name.drill.out"; bad "$name#$frag"; }
}

# The example image: packages, categories, findings.
"$build/make_example_image" "$work/example.tar"
page example "$work/example.tar"
drill example "drill=/usr" path=/usr path-bytes=under:/usr
drill example "drill=/usr/local/lib" path=/usr/local/lib path-bytes=under:/usr/local/lib
drill example "view=reclaimable&colour=reason" view=reclaimable colour=reason path=/
# Without attribution: no category or package to colour by, the layer instead.
"$ballast" analyze --no-config --no-attribution --format html -o "$work/plain.html" "$work/example.tar"
"$ballast" analyze --no-config --no-attribution --format json --bytes --files "$work/example.tar" >"$work/plain.json"
drill plain "colour=package&drill=/app" path=/app colour=layer path-bytes=under:/app
if [ "${BALLAST_UPDATE_SCREENSHOT:-}" = 1 ]; then
  browser "file://$work/example.html#drill=/usr&colour=category" --screenshot="$work/readme.png" --window-size=1000,880 >/dev/null
  cp "$work/readme.png" "$here/../../docs/img/html-report.png"
fi

# The diff page (`ballast diff --format html`): the hand-written package image
# (lib/pkg_image.py) against the example: no console message, no script, and
# every total, layer, package, category, file, change-tree row, config change
# and finding equal to `ballast diff --format json` (lib/diff_html_check.py).
python3 "$here/lib/pkg_image.py" "$work/packages.tar"
"$ballast" diff --no-config -d layer,category --format html -o "$work/diff.html" "$work/packages.tar" "$work/example.tar"
"$ballast" diff --no-config -d layer,category --format json "$work/packages.tar" "$work/example.tar" >"$work/diff.json"
echo "     diff.html: $(stat -c %s "$work/diff.html") bytes"
browser "file://$work/diff.html" --dump-dom >"$work/diff.dom.html"
if [ -n "$(console_lines)" ]; then bad "diff: console messages:"; console_lines | head; else ok "diff: no console message"; fi
python3 "$here/lib/diff_html_check.py" "$work/diff.dom.html" "$work/diff.json" >"$work/diff.check.out" \
  && ok "diff: $(grep -c '^ok' "$work/diff.check.out") tables equal the JSON" || { grep FAIL "$work/diff.check.out"; bad "diff: page numbers"; }
python3 -c "
import json; d=json.load(open('$work/diff.json'))
assert d['packages'] and d['files'] and d['layers']['added'] and d['layers']['removed'], 'the diff has nothing to compare'" \
  && ok "diff: the JSON has packages, files and layers to compare (positive control)" || bad "diff: an empty diff checks nothing"
browser "file://$work/diff.html" --screenshot="$work/diff.png" >/dev/null
[ -s "$work/diff.png" ] && ok "diff: screenshot $work/diff.png" || bad "diff: no screenshot"

# An image of the engine's with hostile names.
e2e_start_dockerd "$work/engine"
e2e_busybox_base bb:base
ctx="$work/ctx"; mkdir -p "$ctx"
cat >"$ctx/mk.sh" <<'SH'
set -e
d='/srv/<img src=x onerror=alert(1)>'
mkdir -p "$d" '/srv/<' /usr/lib/deep /tmp  # '/srv/</script><!--' is a file in /srv/<
dd if=/dev/zero of="$d/a&b\"c'" bs=1k count=40 2>/dev/null
dd if=/dev/zero of="/srv/$(busybox printf 'line\nbreak')" bs=1k count=3 2>/dev/null
dd if=/dev/zero of="/srv/$(busybox printf 'bad\377\376')" bs=1k count=2 2>/dev/null
dd if=/dev/zero of='/srv/</script><!--' bs=1 count=77 2>/dev/null
dd if=/dev/zero of=/usr/lib/deep/big bs=1k count=100 2>/dev/null
ln /usr/lib/deep/big /usr/lib/deep/hard
for i in $(seq 1 80); do echo "$i" >"/usr/lib/many$i"; done
dd if=/dev/zero of=/tmp/gone bs=1k count=20 2>/dev/null
SH
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:base
COPY mk.sh /mk.sh
RUN sh /mk.sh
RUN rm /tmp/gone
DOCKERFILE
e2e_docker build -q -t e2e/html:1 "$ctx" >/dev/null
e2e_docker save -o "$work/hostile.tar" e2e/html:1
page hostile "$work/hostile.tar"
# /usr/lib: deep and many1..many80 are 81 children; 64 stay and 17 fold (+1 cell).
drill hostile "drill=/usr/lib" path=/usr/lib path-bytes=under:/usr/lib cells=65
drill hostile "view=reclaimable&drill=/tmp" view=reclaimable path=/tmp path-bytes=reclaimable-under:/tmp
if grep -aq 'aria-label="\[17 others\]' "$work/hostile.drill.html" 2>/dev/null || \
   { browser "file://$work/hostile.html#drill=/usr/lib" --dump-dom | grep -aq 'aria-label="\[17 others\]'; }; then
  ok "hostile: /usr/lib folds 17 entries into one cell"
else bad "hostile: no [17 others] cell"; fi
# (d) the names are text: no <img> element exists, the name's text does.
python3 - "$work/hostile.dom.html" <<'PY' && ok "hostile: names are text, not markup" || bad "hostile: markup from a file name"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    tags, text = [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if any(k.startswith("on") for k, _ in attrs): raise SystemExit("event handler attribute on <%s>" % tag)
    def handle_data(self, d): self.text.append(d)
p = P(convert_charrefs=True)
p.feed(open(sys.argv[1], encoding="utf-8", errors="replace").read())
text = "".join(p.text)
if "img" in p.tags: raise SystemExit("an <img> element")
if "/srv/<img src=x onerror=alert(1)>" not in text: raise SystemExit("the hostile name is missing as text")
if "\ufffd" not in text: raise SystemExit("the non-UTF-8 name shows no U+FFFD")
PY

if ((fail)); then echo "html: FAILED"; exit 1; fi
echo "html: all checks passed"
