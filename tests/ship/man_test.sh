#!/usr/bin/env bash
# The generated man page renders with man(1) without a groff warning, and its
# COMMANDS section lists exactly the subcommands `ballast --help` lists.
# Usage: man_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
page="$2/share/man/ballast.1"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
command -v man >/dev/null || { echo "man not installed (apt-get install man-db)"; exit 1; }
[ -s "$page" ] || { echo "FAIL $page missing"; exit 1; }

warnings=$(groff -man -ww -z "$page" 2>&1) || true
[ -z "$warnings" ] && ok "groff: no warnings" || bad "groff warnings: $warnings"
rendered=$(MANWIDTH=100 man -l "$page" 2>&1)
grep -q '^BALLAST(1)' <<<"$rendered" && ok "man -l renders the header" || bad "man -l: no BALLAST(1) header"
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS"; do
  grep -q "^$section" <<<"$rendered" && ok "section $section" || bad "section $section missing"
done
# Independent source: the subcommand list of --help (CLI11's own formatter).
help=$("$ballast" --help)
subs=$(awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}' <<<"$help")
[ -n "$subs" ] || bad "--help lists no subcommands"
for s in $subs; do
  grep -q "^   ballast $s\$" <<<"$rendered" && ok "man lists $s" || bad "man lacks ballast $s"
done
# And every option --help shows for analyze is in the page.
for opt in $("$ballast" analyze --help | grep -oE '^ +(-[a-z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
  grep -q -- "$opt" <<<"$rendered" && ok "man documents analyze $opt" || bad "man lacks analyze $opt"
done
# The hidden generator is not a documented command (positive control: analyze is, above).
grep -q "ballast help-man" <<<"$rendered" && bad "help-man documented" || ok "help-man hidden"
exit $fail
