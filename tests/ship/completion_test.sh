#!/usr/bin/env bash
# Each generated completion script is loaded by its own shell and completes a
# subcommand, an option and an option's values:
#   bash: the script sourced, _ballast called as readline would (COMP_LINE, COMP_POINT, COMP_WORDS);
#   zsh:  an interactive zsh in a pseudo-terminal (zsh/zpty) with the script in $fpath and
#         compinit, sent "ballast an<Tab>": the line must become "ballast analyze ";
#   fish: `complete -C`, fish's own completion query.
# Expected values are the subcommands `ballast --help` lists. Image names (from
# the engine) are tested in tests/e2e/ship_test.sh, which has a dockerd.
# Usage: completion_test.sh BALLAST BUILD_DIR
set -euo pipefail
comp="$2/share/completions"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
for sh in bash zsh fish; do
  command -v $sh >/dev/null || { echo "FAIL $sh not installed (scripts/setup.sh installs it)"; exit 1; }
done
subs=$(awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}' <<<"$("$1" --help)")
[ -n "$subs" ] || { echo "FAIL --help lists no subcommands"; exit 1; }

# bash
bash_complete() {  # bash_complete LINE: what <Tab> offers at the end of LINE
  bash --norc --noprofile -c '
    source "$1"
    COMP_LINE="$2"; COMP_POINT=${#2}
    read -ra COMP_WORDS <<<"$2"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    [[ "$2" == *" " ]] && COMP_CWORD=${#COMP_WORDS[@]}
    _ballast; printf "%s\n" "${COMPREPLY[@]}"' bash "$comp/ballast" "$1"
}
loaded=$(bash --norc --noprofile -c 'source "$1"; complete -p ballast' bash "$comp/ballast")
[[ "$loaded" == *"-F _ballast ballast"* ]] && ok "bash: complete -p ballast" || bad "bash: not registered: $loaded"
[ "$(bash_complete 'ballast an')" = analyze ] && ok "bash: ballast an -> analyze" || bad "bash: ballast an -> $(bash_complete 'ballast an')"
[ "$(bash_complete 'ballast ' | sort)" = "$(sort <<<"$subs")" ] && ok "bash: every subcommand" \
  || bad "bash: subcommands $(bash_complete 'ballast ' | tr '\n' ' ') vs --help's $(tr '\n' ' ' <<<"$subs")"
[ "$(bash_complete 'ballast analyze --for')" = --format ] && ok "bash: --for -> --format" || bad "bash: --for"
[ "$(bash_complete 'ballast lint --format s')" = sarif ] && ok "bash: lint --format s -> sarif" || bad "bash: --format s"
[ -z "$(bash_complete 'ballast zz')" ] && ok "bash: nothing for zz" || bad "bash: zz completed"

# fish
fish_complete() { fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$comp/ballast.fish" "$1" | cut -f1; }
[ "$(fish_complete 'ballast an')" = analyze ] && ok "fish: ballast an -> analyze" || bad "fish: ballast an -> $(fish_complete 'ballast an')"
[ "$(fish_complete 'ballast ' | sort)" = "$(sort <<<"$subs")" ] && ok "fish: every subcommand" \
  || bad "fish: subcommands $(fish_complete 'ballast ' | tr '\n' ' ')"
# The values --help shows for analyze --format ("TEXT:{text,json,...}").
formats=$("$1" analyze --help | grep -oE -- '--format TEXT:\{[^}]*\}' | sed 's/.*{//; s/}//' | tr ',' '\n' | sort | tr '\n' ' ')
[ -n "$formats" ] || bad "analyze --help shows no --format values"
[ "$(fish_complete 'ballast analyze --format ' | sort | tr '\n' ' ')" = "$formats" ] \
  && ok "fish: --format values" || bad "fish: --format values: $(fish_complete 'ballast analyze --format ')"
[ "$(fish_complete 'ballast dockerfile ')" = dump ] && ok "fish: dockerfile -> dump" || bad "fish: dockerfile"

# zsh: a real interactive shell; compinit finds _ballast in $fpath.
zdir=$(mktemp -d); trap 'rm -rf "$zdir"' EXIT
cp "$comp/_ballast" "$zdir/_ballast"
zsh_complete() {  # zsh_complete TYPED: the terminal output after TYPED<Tab>
  ZDIR="$zdir" TYPED="$1" timeout 20 zsh -f -c '
    zmodload zsh/zpty
    zpty z zsh -f -i
    zpty -w z "PROMPT=\"> \"; fpath=($ZDIR \$fpath); autoload -U compinit && compinit -u -D; print READY"
    out=""
    for i in {1..50}; do if zpty -r -t z chunk; then out+=$chunk; else sleep 0.1; fi; [[ $out == *READY* ]] && break; done
    zpty -w -n z "$TYPED"$'"'"'\t'"'"'
    out=""
    for i in {1..30}; do if zpty -r -t z chunk; then out+=$chunk; else sleep 0.1; fi; done
    print -r -- "$out"
    zpty -d z' | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
}
out=$(zsh_complete 'ballast an')
[[ "$out" == *"ballast analyze"* ]] && ok "zsh: ballast an<Tab> -> ballast analyze" || bad "zsh: ballast an<Tab>: $out"
out=$(zsh_complete 'ballast dockerfile d')
[[ "$out" == *"ballast dockerfile dump"* ]] && ok "zsh: dockerfile d<Tab> -> dump" || bad "zsh: dockerfile d<Tab>: $out"
out=$(zsh_complete 'ballast zz')
grep -qE 'ballast zz[a-z]' <<<"$out" && bad "zsh: zz completed: $out" || ok "zsh: zz not completed"
exit $fail
