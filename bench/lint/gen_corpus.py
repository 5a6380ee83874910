#!/usr/bin/env python3
"""Writes N varied Dockerfiles (default 10,000) for the `ballast lint` benchmark.

Templates cover what real Dockerfiles look like: single- and multi-stage builds,
apt/apk/pip/npm/go installs, cache mounts, heredocs, ARG-expanded bases, ONBUILD,
long continuation chains. A seeded RNG varies bases, packages, flags and order,
so the corpus is the same on every run.
"""
import random
import sys
from pathlib import Path

BASES = ["python:3.12", "python:3.12-slim", "node:20", "node:20-alpine", "golang:1.22", "debian:12",
         "ubuntu:24.04", "alpine:3.19", "nvidia/cuda:12.4.0-devel-ubuntu22.04", "eclipse-temurin:21"]
APT = ["curl", "ca-certificates", "git", "build-essential", "libpq-dev", "ffmpeg", "libsndfile1", "gcc", "make"]
PIP = ["flask", "fastapi", "uvicorn[standard]==0.27.0", "numpy==1.26.3", "torch", "pytest", "requests", "pydantic"]


def apt_run(r):
    pkgs = " ".join(r.sample(APT, r.randint(1, 5)))
    flags = "--no-install-recommends " if r.random() < 0.5 else ""
    clean = " \\\n    && rm -rf /var/lib/apt/lists/*" if r.random() < 0.6 else ""
    mount = "--mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\\n    " \
        if r.random() < 0.2 else ""
    return f"RUN {mount}apt-get update && apt-get install -y {flags}\\\n        {pkgs}{clean}\n"


def pip_run(r):
    pkgs = " ".join(r.sample(PIP, r.randint(1, 4)))
    cache = "--no-cache-dir " if r.random() < 0.5 else ""
    return f"RUN pip install {cache}{pkgs}\n" if r.random() < 0.5 else f"RUN pip install {cache}-r requirements.txt\n"


def heredoc_run(r):
    return "RUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl\n" \
           "rm -rf /var/lib/apt/lists/*\nEOF\n"


def stage(r, name=None):
    base = r.choice(BASES)
    lines = []
    if r.random() < 0.2:
        lines.append(f"ARG BASE={base}\n")
        lines.append(f"FROM ${{BASE}}" + (f" AS {name}" if name else "") + "\n")
    else:
        lines.append(f"FROM {base}" + (f" AS {name}" if name else "") + "\n")
    lines.append("WORKDIR /app\n")
    for _ in range(r.randint(1, 6)):
        kind = r.random()
        if kind < 0.3:
            lines.append(apt_run(r))
        elif kind < 0.55:
            lines.append("COPY requirements.txt .\n" if r.random() < 0.5 else "COPY . .\n")
            lines.append(pip_run(r))
        elif kind < 0.65:
            lines.append(heredoc_run(r))
        elif kind < 0.75:
            lines.append("COPY package*.json ./\nRUN npm " + r.choice(["ci", "install"]) + "\n")
        elif kind < 0.85:
            lines.append(f"ENV APP_{r.randint(0, 99)}=value{r.randint(0, 9)} PATH=/app/bin:$PATH\n")
        else:
            lines.append("RUN curl -fsSL https://example.com/install.sh | sh && chown -R app /app\n")
    return "".join(lines)


def dockerfile(r):
    parts = []
    if r.random() < 0.3:
        parts.append("# syntax=docker/dockerfile:1\n")
    if r.random() < 0.4:
        parts.append(stage(r, "build"))
        parts.append(stage(r))
        parts.append("COPY --from=build /app /app\n")
    else:
        parts.append(stage(r))
    if r.random() < 0.5:
        parts.append("USER app\n")
    parts.append(r.choice(['CMD ["python", "main.py"]\n', "CMD python main.py\n", 'ENTRYPOINT ["/app/run"]\n']))
    return "".join(parts)


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "lint-corpus")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    out.mkdir(parents=True, exist_ok=True)
    r = random.Random(4)
    for i in range(n):
        (out / f"{i:05d}.Dockerfile").write_text(dockerfile(r))
    print(f"wrote {n} Dockerfiles to {out}")


if __name__ == "__main__":
    main()
