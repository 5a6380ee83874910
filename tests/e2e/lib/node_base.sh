# Sourced by the Node suites of `ballast fix` (fix_node_test.sh,
# fix_node_build_test.sh): the base their fixtures name, node:20-bookworm-slim,
# made from the debootstrap base (e2e/debian-minbase, lib/debian_base.sh)
# with Debian's nodejs 18 and npm 9, and the machine's CA bundle for npm
# (NODE_EXTRA_CA_CERTS: a TLS-intercepting proxy's CA where there is one).
# The suites' shared engine keeps the nodejs/npm layer in its build cache
# between runs. Skips (fails under CI=true) when the base does not build or
# the npm registry is not reachable from a container: the fixtures' packages
# come from it, as their lock files say.
#
#   e2e_node_base DIR   # DIR: an empty directory for the base's build context

e2e_node_base() {
  local dir=$1 start ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
  mkdir -p "$dir"
  if [ -f "$ca" ]; then cp "$ca" "$dir/machine-ca.crt"; else : >"$dir/machine-ca.crt"; fi
  cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM e2e/debian-minbase
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY machine-ca.crt /etc/ssl/certs/machine-ca.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/machine-ca.crt
DOCKERFILE
  start=$(date +%s)
  e2e_docker build -q -t node:20-bookworm-slim "$dir" >/dev/null || e2e_skip_or_fail "the Node base does not build (Debian mirror?)"
  echo "--- node base: $(($(date +%s) - start)) s"
  e2e_docker run --rm node:20-bookworm-slim sh -c 'cd /tmp && npm view ms@2.1.3 version' >/dev/null 2>&1 ||
    e2e_skip_or_fail "the npm registry is not reachable from a container"
}
