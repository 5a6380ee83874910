#!/usr/bin/env bash
# End to end: `ballast fix --multi-stage --verify` on the Python API fixture
# (tests/unit/fix/fixtures/python_api: one stage, build-essential, apt lists
# kept, `COPY . /app` then `chmod -R`, `pip install -r requirements.txt` into
# a venv, a heavy dependency app.py never imports). Python comes from
# Debian's apt in the build; the two wheels are made here
# (lib/make_wheel.py: no PyPI), and the base image the Dockerfile names is
# the debootstrap base plus those wheels and an /etc/pip.conf that points pip
# at them, so the user's `pip install` runs unchanged and offline.
# The image the user built from the original is fix's --image evidence: deps
# sees heavyweight installed (20 MB) and never imported, so fix removes its
# line from requirements.txt, and --verify builds the fixed side from a copy
# of the context holding the fixed file.
# The checks are lib/fix_verify.sh's, from the engine; the fixed file must
# rebuild faster after app.py changes (its pip install stays cached); here
# also: requirements.txt lost heavyweight and only it, the fixed image has no
# heavyweight (the original has: the positive control), and the DEP002
# prediction is deps' figure for it.
# Usage: fix_python_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
source "$here/lib/debian_base.sh"
source "$here/lib/fix_verify.sh"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
command -v python3 >/dev/null || e2e_skip_or_fail "python3 not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-fix-python
rm -rf "$work"
mkdir -p "$work/base/wheels"
base_tar=$(e2e_debian_base_tar "$build")
e2e_start_dockerd "$work/engine"
e2e_docker import "$base_tar" e2e/debian-minbase >/dev/null

python3 "$here/lib/make_wheel.py" "$work/base/wheels" fastpoint 1.0 >/dev/null
python3 "$here/lib/make_wheel.py" "$work/base/wheels" heavyweight 2.0 --payload 20000000 >/dev/null
printf '[global]\nno-index = true\nfind-links = /wheels\n' >"$work/base/pip.conf"
printf 'FROM e2e/debian-minbase\nCOPY wheels /wheels\nCOPY pip.conf /etc/pip.conf\n' >"$work/base/Dockerfile"
e2e_docker build -q -t debian:bookworm-slim "$work/base" >/dev/null

fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$here/../unit/fix/fixtures/python_api" "$work/ctx"
rm -f "$work/ctx"/expected*.diff
e2e_docker build -q -t pyapi:built "$work/ctx" >/dev/null
cp "$work/ctx/requirements.txt" "$work/requirements.orig"
heavy_gone() {  # E2E_FIX_VERIFY_AFTER: run on the kept PREFIX:before/after
  e2e_docker run --rm "$1:before" sh -c 'ls -d /venv/lib/python3*/site-packages/heavyweight' >/dev/null ||
    fail "control: heavyweight not in $1:before"
  if e2e_docker run --rm "$1:after" sh -c 'ls -d /venv/lib/python3*/site-packages/heavyweight*' 2>/dev/null; then
    fail "heavyweight still installed in $1:after"
  fi
}
E2E_FIX_VERIFY_AFTER=heavy_gone
FV_PREFIX=fixpy FV_SMOKE="python3 app.py" FV_EXPECTED="fastpoint 1.0" FV_CHANGED=app.py FV_GONE="command -v gcc" \
  FV_FASTER=yes FV_CHANGE=BA1012 FV_PREDICTED=BA1012/image.build-toolchain \
  e2e_fix_verify "$ballast" "$work" "$work/ctx" --multi-stage --image docker-daemon:pyapi:built
diff "$work/requirements.orig" "$work/ctx/requirements.txt" >"$work/requirements.diff" || true
[ "$(grep -c '^[<>]' "$work/requirements.diff")" -eq 1 ] && grep -qx '< heavyweight==2.0' "$work/requirements.diff" ||
  fail "requirements.txt: expected heavyweight removed and nothing else: $(cat "$work/requirements.diff")"
heavy=$(e2e_docker run --rm pyapi:built sh -c 'du -sb /venv/lib/python3*/site-packages/heavyweight | cut -f1')
[ "$heavy" -gt 20000000 ] || fail "control: heavyweight not in the user's image ($heavy)"
jq -e --argjson min 20000000 '.verify.predicted[] | select(.rule == "DEP002" and .bytes >= $min)' "$work/verify.json" >/dev/null ||
  fail "no DEP002 prediction of heavyweight: $(jq -c .verify.predicted "$work/verify.json")"
echo "fix_python_test: OK"
