#!/usr/bin/env bash
# End to end: `ballast sbom` of an image the real Docker Engine built on the
# debootstrap Debian 12 base (cached, lib/debian_base.sh), against the
# package manager's own answer inside a container of that image:
#  (a) the deb components (name, version, architecture) are exactly what
#      `dpkg-query -W` prints in the container (installed packages);
#  (b) packages apt installed in the RUN layer carry that layer, base
#      packages layer 0; a COPYed npm package and Python distribution carry
#      the COPY layer, their purls and licenses;
#  (c) both documents validate against the official CycloneDX 1.5 and SPDX
#      2.3 schemas (tests/unit/sbom/validate_sbom.py);
#  (d) output is byte-identical across runs, -o writes atomically, bad
#      options are one line and exit 2.
# Usage: sbom_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
work="$build/e2e-sbom"
cache="$build/e2e-cache"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work" "$cache"
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$cache/engine"
e2e_docker import "$base_tar" deb:base >/dev/null

fail=0
check() {  # check NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$work/$1.diff"; then echo "ok   $1"; else echo "FAIL $1"; head -40 "$work/$1.diff"; fail=1; fi
}
check_eq() {  # check_eq NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1 ($3)"; else echo "FAIL $1: expected $2, got $3"; fail=1; fi
}

ctx="$work/ctx"
mkdir -p "$ctx/app/node_modules/@acme/left-pad" "$ctx/site/Tiny_Lib-0.3.dist-info" "$ctx/site/tiny_lib"
cat >"$ctx/app/node_modules/@acme/left-pad/package.json" <<'JSON'
{"name": "@acme/left-pad", "version": "1.3.0", "license": "WTFPL"}
JSON
echo 'module.exports = (s) => s;' >"$ctx/app/node_modules/@acme/left-pad/index.js"
printf 'Metadata-Version: 2.1\nName: Tiny_Lib\nVersion: 0.3\nClassifier: License :: OSI Approved :: MIT License\n' \
  >"$ctx/site/Tiny_Lib-0.3.dist-info/METADATA"
printf 'tiny_lib/__init__.py,,\nTiny_Lib-0.3.dist-info/METADATA,,\nTiny_Lib-0.3.dist-info/RECORD,,\n' \
  >"$ctx/site/Tiny_Lib-0.3.dist-info/RECORD"
echo 'X = 1' >"$ctx/site/tiny_lib/__init__.py"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM deb:base
RUN apt-get update && apt-get install -y --no-install-recommends jq && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY app /app
COPY site /usr/local/lib/python3.11/dist-packages
DOCKERFILE
e2e_docker build -q -t e2e/sbom:1 "$ctx" >/dev/null
e2e_docker save -o "$work/image.tar" e2e/sbom:1

"$ballast" sbom "$work/image.tar" >"$work/cdx.json"
"$ballast" sbom --format spdx "$work/image.tar" -o "$work/spdx.json"

# (a) the package manager's answer, inside the container.
e2e_docker run --rm e2e/sbom:1 dpkg-query -W -f '${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n' \
  | awk -F'\t' '$1 ~ /^ii/ {print $2 "\t" $3 "\t" $4}' | LC_ALL=C sort >"$work/dpkg.expected"
jq -r '.components[] | select(.purl | startswith("pkg:deb/")) | [.name, .version,
       (.purl | capture("arch=(?<a>[^&]+)").a)] | @tsv' "$work/cdx.json" | LC_ALL=C sort >"$work/dpkg.actual"
check "deb components = dpkg-query -W in the container ($(wc -l <"$work/dpkg.expected") packages)" \
  "$work/dpkg.expected" "$work/dpkg.actual"
jq -r '.packages[] | select(.SPDXID != "SPDXRef-Image") | [.name, .versionInfo] | @tsv' "$work/spdx.json" \
  | grep -v -e '^@acme/left-pad' -e '^tiny-lib' | LC_ALL=C sort >"$work/spdx.actual"
cut -f1,2 "$work/dpkg.expected" >"$work/spdx.expected"
check "SPDX packages = dpkg-query -W" "$work/spdx.expected" "$work/spdx.actual"
# distro qualifier from the image's os-release
check_eq "libc6 purl distro" "debian-12" "$(jq -r '.components[] | select(.name == "libc6") | .purl' "$work/cdx.json" \
  | sed -n 's/.*distro=\([^&]*\).*/\1/p')"

# (b) layers: the engine's own layer list (history without empty layers).
prop() {  # prop NAME PROPERTY
  jq -r --arg n "$1" --arg p "$2" '.components[] | select(.name == $n) | .properties[] | select(.name == $p) | .value' \
    "$work/cdx.json"
}
check_eq "jq added in layer 1 (the apt RUN)" 1 "$(prop jq ballast:layer)"
check_eq "libonig5 (jq's dependency) added in layer 1" 1 "$(prop libonig5 ballast:layer)"
check_eq "libc6 from the base (layer 0)" 0 "$(prop libc6 ballast:layer)"
check_eq "npm package from COPY (layer 2)" 2 "$(prop @acme/left-pad ballast:layer)"
check_eq "npm purl" "pkg:npm/%40acme/left-pad@1.3.0" \
  "$(jq -r '.components[] | select(.name == "@acme/left-pad") | .purl' "$work/cdx.json")"
check_eq "npm license" "WTFPL" "$(jq -r '.components[] | select(.name == "@acme/left-pad") | .licenses[0].license.id' "$work/cdx.json")"
check_eq "pypi purl (PEP 503 name)" "pkg:pypi/tiny-lib@0.3" \
  "$(jq -r '.components[] | select(.name == "tiny-lib") | .purl' "$work/cdx.json")"
check_eq "pypi layer (second COPY)" 3 "$(prop tiny-lib ballast:layer)"
check_eq "pypi license from the classifier" "MIT" \
  "$(jq -r '.components[] | select(.name == "tiny-lib") | .licenses[0].license.id' "$work/cdx.json")"
layer1=$(e2e_docker inspect -f '{{index .RootFS.Layers 1}}' e2e/sbom:1)
check_eq "layer_diff_id is the engine's layer 1" "$layer1" "$(prop jq ballast:layer_diff_id)"
# jq's bytes: the sizes of the files dpkg -L lists, measured in the container.
expected_bytes=$(e2e_docker run --rm e2e/sbom:1 sh -c 'dpkg -L jq | while read -r f; do [ -f "$f" ] && [ ! -L "$f" ] && stat -c %s "$f"; done' \
  | awk '{s += $1} END {print s}')
check_eq "jq final bytes = its dpkg -L files in the container" "$expected_bytes" "$(prop jq ballast:final_bytes)"
# Debian copyright licenses (machine-readable for jq: "Files: * / License: MIT" among others)
jq_licenses=$(jq -c '[.components[] | select(.name == "jq") | .licenses[] | (.license.id // .license.name // .expression)]' "$work/cdx.json")
case "$jq_licenses" in *MIT*) echo "ok   jq licenses from its copyright file ($jq_licenses)" ;;
  *) echo "FAIL jq licenses: $jq_licenses"; fail=1 ;; esac

# (c) the official schemas.
validator="$here/../unit/sbom/validate_sbom.py"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  if /usr/bin/python3 "$validator" cyclonedx "$work/cdx.json"; then echo "ok   CycloneDX 1.5 schema"; else echo "FAIL CycloneDX schema"; fail=1; fi
  if /usr/bin/python3 "$validator" spdx "$work/spdx.json"; then echo "ok   SPDX 2.3 schema"; else echo "FAIL SPDX schema"; fail=1; fi
  # positive control: a broken document is rejected
  jq 'del(.components[0].name)' "$work/cdx.json" >"$work/bad.json"
  if /usr/bin/python3 "$validator" cyclonedx "$work/bad.json" 2>/dev/null; then echo "FAIL validator accepted a component without name"; fail=1
  else echo "ok   validator rejects a component without name"; fi
else
  e2e_skip_or_fail "python3-jsonschema not installed (scripts/setup.sh)"
fi

check_eq "the image is named by its tag" "e2e/sbom:1" "$(jq -r '.metadata.component.name' "$work/cdx.json")"

# (d) determinism, atomic -o, bad input.
"$ballast" sbom "$work/image.tar" >"$work/cdx2.json"
check "same bytes on a second run" "$work/cdx.json" "$work/cdx2.json"
created=$(e2e_docker inspect -f '{{.Created}}' e2e/sbom:1)
check_eq "timestamp is the image's created time (to the second)" "${created%%.*}Z" \
  "$(jq -r '.metadata.timestamp' "$work/cdx.json" | sed 's/Z$/Z/')"
set +e
"$ballast" sbom --timestamp yesterday "$work/image.tar" >"$work/out" 2>"$work/err"; rc=$?
set -e
check_eq "bad --timestamp exits 2" 2 "$rc"
check_eq "bad --timestamp: one line, nothing on stdout" "1 0" "$(wc -l <"$work/err") $(wc -c <"$work/out")"
set +e
"$ballast" sbom -o "$work/nodir/x.json" "$work/image.tar" 2>"$work/err"; rc=$?
set -e
check_eq "-o into a missing directory exits 2" 2 "$rc"
[ ! -e "$work/nodir" ] && echo "ok   nothing created" || { echo "FAIL created $work/nodir"; fail=1; }

exit $fail
