#!/usr/bin/env python3
"""Compile time of the build's own translation units under two flag sets, in
the same run (docs/benchmarks.md, "Building and CI").

Takes every Nth entry of build/compile_commands.json (sources of libballast,
the CLI and the unit tests), compiles it without ccache into /dev/null-like
temporaries once with the old flags (-O2 -g everywhere) and once with the
current ones (-O2 -g1 for the library and CLI, -Og -g1 for test code), and
sums the CPU seconds (user + sys of the compiler, from os.wait4), which a
loaded machine disturbs far less than wall time.

Usage: bench/build/flags.py [BUILD_DIR] [EVERY_NTH]   (default: build 4)
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

build = sys.argv[1] if len(sys.argv) > 1 else "build"
every = int(sys.argv[2]) if len(sys.argv) > 2 else 4
entries = json.load(open(os.path.join(build, "compile_commands.json")))
entries = [e for e in entries if e["file"].endswith(".cc") and "/generated/" not in e["file"]]
entries.sort(key=lambda e: e["file"])
sample = entries[::every]


def cpu_seconds(args, cwd):
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit("compile failed: " + " ".join(args))
    return usage.ru_utime + usage.ru_stime


def with_flags(args, is_test, old):
    out = []
    for a in args:
        if a in ("-g", "-g1"):
            a = "-g" if old else "-g1"
        elif a in ("-O2", "-Og") and not old and is_test:
            a = "-Og"
        elif a == "-Og" and old:
            a = "-O2"
        out.append(a)
    return out


totals = {"old": [0.0, 0.0], "new": [0.0, 0.0]}  # [library+CLI, tests]
with tempfile.TemporaryDirectory() as tmp:
    obj = os.path.join(tmp, "x.o")
    for e in sample:
        args = shlex.split(e["command"])
        if os.path.basename(args[0]) == "ccache":
            args = args[1:]
        args[args.index("-o") + 1] = obj
        is_test = "/tests/" in e["file"]
        for kind in ("old", "new"):
            totals[kind][1 if is_test else 0] += cpu_seconds(with_flags(args, is_test, kind == "old"), e["directory"])
n_tests = sum(1 for e in sample if "/tests/" in e["file"])
print(f"{len(sample)} of {len(entries)} translation units ({len(sample) - n_tests} library/CLI, {n_tests} tests)")
print("| flags | library + CLI (CPU s) | tests (CPU s) | all (CPU s) |")
print("|---|---|---|---|")
for kind, label in (("old", "-O2 -g everywhere"), ("new", "-O2 -g1, tests -Og -g1")):
    lib, tst = totals[kind]
    print(f"| {label} | {lib:.1f} | {tst:.1f} | {lib + tst:.1f} |")
old, new = sum(totals["old"]), sum(totals["new"])
print(f"new/old: {new / old:.0%}")
