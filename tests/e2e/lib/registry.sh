# Sourced by end-to-end tests: private instances of Debian's docker-registry
# (the distribution registry) on 127.0.0.1, each with its own config and
# storage under the test's directory, stopped by PID when the test exits.
#
#   source tests/e2e/lib/registry.sh
#   port=$(e2e_free_port)
#   e2e_start_registry "$work/plain" "$port" [EXTRA-YAML-FILE]   # http: and auth: sections
#
# Outside CI a registry that cannot start skips the test (exit 77), loudly.

E2E_REGISTRY_PIDS=()

e2e_registry_skip_or_fail() {
  echo "!!! SKIPPING END-TO-END TEST: $*" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 77
}

e2e_stop_registries() {
  local pid
  for pid in "${E2E_REGISTRY_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  E2E_REGISTRY_PIDS=()
}

e2e_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# e2e_start_registry DIR PORT [YAML]: YAML replaces the default `http:` section
# (it must contain one) and may add `auth:`.
e2e_start_registry() {
  local dir="$1" port="$2" extra="${3:-}"
  command -v docker-registry >/dev/null || e2e_registry_skip_or_fail "docker-registry not installed (apt-get install docker-registry)"
  mkdir -p "$dir/storage"
  {
    echo "version: 0.1"
    echo "log: {level: error, accesslog: {disabled: true}}"
    echo "storage: {filesystem: {rootdirectory: $dir/storage}, delete: {enabled: true}}"
    if [ -n "$extra" ]; then sed "s/@PORT@/$port/g" "$extra"; else echo "http: {addr: 127.0.0.1:$port}"; fi
  } >"$dir/config.yml"
  docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  local pid=$!
  E2E_REGISTRY_PIDS+=("$pid")
  echo "$pid" >"$dir/pid"
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/log" >&2; e2e_registry_skip_or_fail "docker-registry exited"; fi
    # Any HTTP answer (200, 401, or a TLS alert) means it listens.
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  e2e_registry_skip_or_fail "docker-registry did not listen on 127.0.0.1:$port"
}
