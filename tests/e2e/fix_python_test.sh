#!/usr/bin/env bash
# End to end: `ballast fix --multi-stage --verify` on the Python API fixture
# (tests/unit/fix/fixtures/python_api: one stage, build-essential, apt lists
# kept, `COPY . /app` then `chmod -R`, `pip install -r requirements.txt` into
# a venv, a heavy dependency app.py never imports). Python comes from
# Debian's apt in the build; the two wheels are made here
# (lib/make_wheel.py: no PyPI), and the base image the Dockerfile names is
# the debootstrap base plus those wheels and an /etc/pip.conf that points pip
# at them, so the user's `pip install` runs unchanged and offline.
# The checks are lib/fix_verify.sh's, from the engine; the fixed file must
# rebuild faster after app.py changes (its pip install stays cached).
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

cp -r "$here/../unit/fix/fixtures/python_api" "$work/ctx"
e2e_fix_verify "$ballast" "$work" "$work/ctx" fixpy "python3 app.py" "fastpoint 1.0" app.py gcc yes
echo "fix_python_test: OK"
