#!/usr/bin/env python3
"""Creates a synthetic build context of N files (default 1,000,000) for
bench/context/run_bench.sh: 1000 directories of 1000 small files in a
node_modules-like / src-like mix, plus a .dockerignore with typical rules."""
import os
import sys

root = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
per_dir = 1000
os.makedirs(root, exist_ok=True)
made = 0
d = 0
while made < n:
    top = ["src", "node_modules", "tests", "build", "docs"][d % 5]
    path = os.path.join(root, top, f"pkg{d // 5:04d}", "lib")
    os.makedirs(path, exist_ok=True)
    for i in range(min(per_dir, n - made)):
        ext = [".js", ".py", ".log", ".txt", ".json"][i % 5]
        fd = os.open(os.path.join(path, f"file{i:04d}{ext}"), os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, b"x" * (i % 64))
        os.close(fd)
    made += min(per_dir, n - made)
    d += 1
with open(os.path.join(root, ".dockerignore"), "w") as f:
    f.write("# typical rules\n.git\n**/*.log\nbuild/**\n!build/pkg0001/**\ntests/*/lib/*.txt\n"
            "docs/**/file00[0-4]?.json\n")
