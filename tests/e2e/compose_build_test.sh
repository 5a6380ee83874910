#!/usr/bin/env bash
# End to end: what `ballast lint compose.yml` lints is what the real engine
# builds. A project with two services that build (a mapping with context,
# dockerfile, target and args interpolated from .env and the environment; the
# string form) is built by Debian's docker-compose 1.29 (`docker-compose
# build`, through Debian's docker CLI with BuildKit) on the test's own dockerd.
# Oracles, all from the engine:
#   * every service ballast's model (`--compose-config`) says builds is built,
#     under the `image:` name the model gives (`docker image inspect`);
#   * the build arg ballast expanded is the one the engine used (the image's
#     /version, written by a RUN of the build stage) and the stage the model
#     names as target is the one built (/stage says `runtime`, not `debug`);
#   * ballast's lint of the compose file reports the Dockerfile finding of the
#     built stage with the service (BA4021, ADD of a plain file) and not the
#     unbuilt `debug` stage's pip install of pytest (BA1016: test tools in the
#     final stage; that RUN would not even build on busybox); positive
#     control: linting the Dockerfile alone (no target: the last stage is
#     debug) does report it;
#   * `ballast analyze docker-daemon:IMAGE` of each built image reads it (the
#     layer count equals `docker history`'s rows with a layer).
# Usage: compose_build_test.sh BALLAST BUILD_DIR
set -euo pipefail
ballast=$(realpath "$1")
build=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/dockerd.sh"
command -v docker-compose >/dev/null || e2e_skip_or_fail "docker-compose not installed (apt-get install docker-compose)"
command -v jq >/dev/null || e2e_skip_or_fail "jq not installed (scripts/setup.sh)"
work=$(cd "$build" && pwd)/e2e-compose-build
rm -rf "$work"
mkdir -p "$work/project/web" "$work/project/worker"
e2e_start_dockerd "$work/engine"
e2e_busybox_base composebb:base

fail() { echo "FAIL: $*" >&2; exit 1; }

project=$work/project
cat >"$project/compose.yml" <<'YAML'
services:
  web:
    build:
      context: ./web
      dockerfile: Dockerfile.web
      target: runtime
      args:
        APP_VERSION: ${APP_VERSION:-1.0.0}
        BASE: composebb:base
    image: ballast-e2e/web:${TAG:-dev}
  worker:
    build: ./worker
    image: ballast-e2e/worker:${TAG:-dev}
YAML
echo "TAG=e2e" >"$project/.env"
cat >"$project/web/Dockerfile.web" <<'DOCKERFILE'
ARG BASE=missing:base
FROM ${BASE} AS build
ARG APP_VERSION
RUN echo "$APP_VERSION" > /version

FROM ${BASE} AS runtime
COPY --from=build /version /version
RUN echo runtime > /stage
ADD notes.txt /notes.txt
CMD ["cat", "/version"]

FROM runtime AS debug
RUN pip install pytest
RUN echo debug > /stage
DOCKERFILE
echo "notes" >"$project/web/notes.txt"
cat >"$project/worker/Dockerfile" <<'DOCKERFILE'
FROM composebb:base
COPY job.sh /job.sh
CMD ["sh", "/job.sh"]
DOCKERFILE
echo 'echo worker' >"$project/worker/job.sh"

# The environment wins over .env for APP_VERSION: both Compose and ballast read it.
export APP_VERSION=2.5.0
cd "$project"
"$ballast" lint --no-config --compose-config -f compose.yml >"$work/model.json"
mapfile -t services < <(jq -r '.services | to_entries[] | select(.value.build != null) | .key' "$work/model.json")
[ "${#services[@]}" -eq 2 ] || fail "ballast's model has ${#services[@]} services that build: ${services[*]}"
[ "$(jq -r '.services.web.build.args.APP_VERSION' "$work/model.json")" = 2.5.0 ] || fail "model's APP_VERSION"
[ "$(jq -r '.services.web.build.target' "$work/model.json")" = runtime ] || fail "model's target"

# Debian's docker CLI (not whatever `docker` is first on PATH) with BuildKit.
PATH=/usr/bin:$PATH COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 docker-compose build >"$work/build.log" 2>&1 ||
  { tail -30 "$work/build.log" >&2; fail "docker-compose build failed"; }

for s in "${services[@]}"; do
  image=$(jq -r ".services.\"$s\".image" "$work/model.json")
  e2e_docker image inspect "$image" >/dev/null 2>&1 || fail "service $s: the engine has no image $image (model's image:)"
  echo "ok: service $s built as $image"
  "$ballast" analyze --no-config --format json "docker-daemon:$image" >"$work/$s.json" ||
    fail "ballast analyze docker-daemon:$image"
  layers=$(jq '.layers | length' "$work/$s.json")
  engine_layers=$(e2e_docker image inspect -f '{{len .RootFS.Layers}}' "$image")
  [ "$layers" -eq "$engine_layers" ] || fail "$image: ballast read $layers layers, the engine has $engine_layers"
done
web=$(jq -r '.services.web.image' "$work/model.json")
[ "$web" = ballast-e2e/web:e2e ] || fail "web's image is $web, expected the .env TAG"
version=$(e2e_docker run --rm "$web")
[ "$version" = 2.5.0 ] || fail "the engine built web with APP_VERSION=$version, ballast's model says 2.5.0"
stage=$(e2e_docker run --rm "$web" cat /stage)
[ "$stage" = runtime ] || fail "the engine built stage '$stage', ballast's model says runtime"
echo "ok: the engine used the model's build arg and target"

set +e
"$ballast" lint --no-config --format json compose.yml >"$work/lint.json"
set -e
jq -e '.findings[] | select(.id == "BA4021" and .compose.service == "web" and .location.line == 9)' \
  "$work/lint.json" >/dev/null || fail "no BA4021 at Dockerfile.web:9 for service web: $(jq -c '.findings' "$work/lint.json")"
if jq -e '.findings[] | select(.id == "BA1016" and .location.line == 13)' "$work/lint.json" >/dev/null; then
  fail "BA1016 (pytest in the final stage) reported on the debug stage, which the engine did not build"
fi
# Positive control: the Dockerfile alone builds its last stage, debug, and that ADD is reported.
set +e
"$ballast" lint --no-config --format json web/Dockerfile.web >"$work/lint_alone.json"
set -e
jq -e '.findings[] | select(.id == "BA1016" and .location.line == 13)' "$work/lint_alone.json" >/dev/null ||
  fail "positive control: BA1016 at line 13 not reported for the Dockerfile alone"
echo "ok: lint reports the built stage's findings with the service"
echo "compose build test passed"
