#!/usr/bin/env bash
# Builds the seed corpus of every fuzz target (docs/fuzzing.md) from what the
# tests already hold, so no input is duplicated in git:
#   the BuildKit/dockerignore conformance vectors, the lint fixtures, the
#   golden inputs, an example image written by libballast's own writer
#   (make_example_image: manifest, config, layers), and fuzz/seeds/ for the
#   formats no test keeps as a file (package databases, eStargz TOC, token
#   and manifest answers).
# Usage: fuzz/seed.sh BUILD_DIR OUT_DIR   (BUILD_DIR holds make_example_image)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$1"
out="$2"
conf="${BALLAST_CONFORMANCE_DIR:-$root/../shared/conformance}"
rm -rf "$out"
mkdir -p "$out"
# put TARGET [PREFIX_BYTE_OCTAL] < data: one seed file, named by its hash.
put() {
  local dir="$out/$1" tmp
  mkdir -p "$dir"
  tmp="$(mktemp "$dir/.seed.XXXXXX")"
  if [ -n "${2:-}" ]; then printf "\\$2" >"$tmp"; fi
  cat >>"$tmp"
  mv "$tmp" "$dir/$(sha1sum "$tmp" | cut -c1-16)"
}
join0() { local first=1 f; for f in "$@"; do ((first)) || printf '\0'; first=0; cat "$f"; done; }

# Dockerfiles: BuildKit's parser vectors, the lint fixtures, the golden inputs.
for f in "$conf"/buildkit/parser/*/*/Dockerfile "$conf"/buildkit/parser/testfile-line/Dockerfile \
         "$root"/tests/unit/lint/fixtures/*.Dockerfile "$root"/tests/unit/golden/inputs/*/Dockerfile; do
  [ -f "$f" ] && put dockerfile_fuzz <"$f"
done
# hadolint's spec cases (one Dockerfile each).
jq -r 'select(.dockerfile) | .dockerfile | @base64' "$root/tests/unit/lint/fixtures/hadolint_specs.jsonl" 2>/dev/null |
  head -300 | while read -r b; do printf '%s' "$b" | base64 -d | put dockerfile_fuzz; done

# Shell words: the left column of BuildKit's envVarTest / wordsTest.
for f in "$conf"/buildkit/shell/envVarTest "$conf"/buildkit/shell/wordsTest; do
  [ -f "$f" ] || continue
  grep -v '^#\|^ENV\|^$' "$f" | sed 's/^[AWU]|//; s/ *|[^|]*$//' | head -400 |
    while IFS= read -r line; do printf '%s' "$line" | put shell_lex_fuzz 000; done
done

# .dockerignore: each conformance vector's patterns, then its path.
jq -r '[(.patterns | join("\n")), .path] | join("\u0000") | @base64' "$conf/dockerignore/matches.jsonl" |
  while read -r b; do printf '%s' "$b" | base64 -d | put dockerignore_fuzz; done
put dockerignore_fuzz <"$root/tests/unit/golden/inputs/ctx/.dockerignore"

# Python projects.
put requirements_fuzz <"$root/tests/unit/golden/inputs/proj/requirements.txt"
put py_tokenizer_fuzz <"$root/tests/unit/golden/inputs/proj/main.py"
# A few modules of the system's Python (scripts/setup.sh installs python3).
for f in /usr/lib/python3*/textwrap.py /usr/lib/python3*/json/decoder.py /usr/lib/python3*/shlex.py; do
  [ -f "$f" ] && put py_tokenizer_fuzz <"$f"
done

# Images: the README's example image, written by libballast's writer.
img="$(mktemp -d)"
trap 'rm -rf "$img"' EXIT
"$build/make_example_image" "$img/example.tar" >/dev/null
mkdir "$img/x"
tar -xf "$img/example.tar" -C "$img/x"
{ printf '\0'; join0 "$img/x/manifest.json" "$(find "$img/x" -name '*.json' ! -name manifest.json | head -1)"; } |
  put image_json_fuzz
while IFS= read -r f; do
  case "$(head -c 1 "$f")" in
    '{'|'[') { printf '\0'; cat "$f"; } | put image_json_fuzz ;;
    *) [ "$(stat -c %s "$f")" -le 1048576 ] && { printf '\0'; cat "$f"; } | put layer_tar_fuzz ;;
  esac
done < <(find "$img/x" -type f ! -name manifest.json ! -name repositories)

# Formats no test keeps as a file: fuzz/seeds/TARGET/*; package_db seeds are
# named N-*, N the reader (the first byte, see package_db_fuzz.cc).
for dir in "$here"/seeds/*/; do
  t="$(basename "$dir")"
  for f in "$dir"*; do
    if [ "$t" = package_db_fuzz ]; then
      put "$t" "00$(basename "$f" | cut -c1)" <"$f"
    else
      put "$t" <"$f"
    fi
  done
done
# merge_fuzz reads bytes as entries: any bytes are a start.
for s in 0 1 2 3; do head -c 256 "$img/example.tar" | tail -c $((64 * (s + 1))) | put merge_fuzz; done

echo "fuzz/seed.sh: $(find "$out" -type f | wc -l) seeds in $out" >&2
