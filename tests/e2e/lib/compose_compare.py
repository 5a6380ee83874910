#!/usr/bin/env python3
"""Compare ballast's merged Compose model (`ballast lint --compose-config`, JSON)
with docker-compose 1.29's (`docker-compose config`, YAML) on the fields
ballast models. Both sides are normalised to the same shapes here; the
expected values are docker-compose's. Usage: compose_compare.py BALLAST.json
DOCKER_COMPOSE.yml ACTIVE_PROFILES (comma-separated). Exit 1 on a difference."""
import json
import sys

import yaml

FIELDS = ["image", "command", "entrypoint", "environment", "labels", "restart", "privileged", "network_mode",
          "profiles", "expose", "dns", "ports", "volumes", "build", "healthcheck"]


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        # docker-compose config escapes every literal $ as $$ so its output loads
        # again (v2 does the same); ballast's model holds the interpolated value.
        return v.replace("$$", "$") if DC else v
    return v


def deep(v):
    if isinstance(v, dict):
        return {scalar(k): deep(x) for k, x in v.items()}
    if isinstance(v, list):
        return [deep(x) for x in v]
    return scalar(v)


def port(p):
    """A port in long or short syntax -> (host_ip, published, target, protocol)."""
    if isinstance(p, dict):
        return (p.get("host_ip", ""), str(p.get("published", "")), str(p["target"]), p.get("protocol", "tcp"))
    s = str(p)
    proto = "tcp"
    if "/" in s:
        s, proto = s.split("/", 1)
    parts = s.split(":")
    ip, pub = "", ""
    if len(parts) == 3:
        ip, pub, target = parts
    elif len(parts) == 2:
        pub, target = parts
    else:
        target = parts[0]
    return (ip, pub, target, proto)


def volume(v):
    """(source, target, read_only) from 1.29's "src:dst:mode" or ballast's long form."""
    if isinstance(v, dict):
        return (v.get("source", ""), v["target"], v.get("read_only") in (True, "true"))
    parts = str(v).split(":")
    if len(parts) == 1:
        return ("", parts[0], False)
    mode = parts[2] if len(parts) > 2 else "rw"
    return (parts[0], parts[1], "ro" in mode.split(","))


def normalise(service):
    out = {}
    for f in FIELDS:
        if f not in service:
            continue
        v = deep(service[f])
        if f in ("expose", "dns"):
            # 1.29 sorts and de-duplicates these on merge (merge_unique_items_lists);
            # the specification appends in order: compare them as sets.
            v = sorted(set(v if isinstance(v, list) else [v]))
        elif f == "ports":
            v = sorted(port(p) for p in v)
        elif f == "volumes":
            # 1.29 orders merged volumes by its own dict order; the specification keeps
            # the base order: compare as sets (unique by target either way).
            v = sorted(volume(x) for x in v)
        elif f == "build":
            v = {k: v[k] for k in ("context", "dockerfile", "target", "args", "cache_from") if k in v}
            if "args" in v:
                # 1.29 prints an arg written without a value as ''; the specification
                # leaves it unset (null) when the environment has no value.
                v["args"] = {k: ("" if x is None else x) for k, x in v["args"].items()}
        elif f == "healthcheck":
            v = {k: v[k] for k in ("test", "interval", "timeout", "retries", "disable") if k in v}
        out[f] = v
    return out


def main():
    global DC
    ballast_doc = json.load(open(sys.argv[1]))
    DC = True
    dc_doc = yaml.safe_load(open(sys.argv[2]))
    profiles = set(p for p in sys.argv[3].split(",") if p)
    DC = True
    dc_services = {}
    for name, s in (dc_doc.get("services") or {}).items():
        # 1.29's `config` prints the services of every profile; the specification (v2)
        # prints only the active ones: keep those docker-compose marks active.
        ps = s.get("profiles") or []
        if ps and not (set(ps) & profiles):
            continue
        dc_services[name] = normalise(s)
    DC = False
    b_services = {name: normalise(s) for name, s in ballast_doc.get("services", {}).items()}
    failed = False
    if sorted(dc_services) != sorted(b_services):
        print(f"services differ: docker-compose {sorted(dc_services)} ballast {sorted(b_services)}")
        failed = True
    for name in sorted(set(dc_services) & set(b_services)):
        d, b = dc_services[name], b_services[name]
        for f in FIELDS:
            if d.get(f) != b.get(f):
                print(f"service {name}: {f}: docker-compose {d.get(f)!r} ballast {b.get(f)!r}")
                failed = True
    sys.exit(1 if failed else 0)


DC = False
if __name__ == "__main__":
    main()
