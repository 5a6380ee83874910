#!/usr/bin/env bash
# Benchmark of `ballast deps` on a generated project, with a baseline measured
# in the same run: collecting the same imports with Python's own `ast` module
# (what pipreqs/deptry-style tools do), which is the floor for an
# interpreter-based scan.
#   bash bench/deps/run.sh path/to/ballast [files=4000]
set -euo pipefail
ballast=${1:?usage: run.sh path/to/ballast [files]}
files=${2:-4000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$files" <<'PY'
import os, sys, random
root, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
pkgs = ["numpy", "scipy", "requests", "yaml", "fastapi", "pydantic", "sqlalchemy", "redis", "celery", "boto3"]
with open(os.path.join(root, "requirements.txt"), "w") as f:
    for p in ["numpy", "scipy", "requests", "PyYAML", "fastapi", "pydantic", "SQLAlchemy", "redis", "celery", "boto3", "torch"]:
        f.write(f"{p}==1.0.0\n")
for i in range(n):
    d = os.path.join(root, "app", f"mod{i // 100}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "__init__.py"), "a").close()
    with open(os.path.join(d, f"m{i}.py"), "w") as f:
        f.write('"""Module docstring.\nimport not_this\n"""\n')
        f.write("import os, sys\nfrom typing import TYPE_CHECKING\n")
        for p in random.sample(pkgs, 3):
            f.write(f"import {p}\n")
        f.write("from . import sibling\nif TYPE_CHECKING:\n    import pandas\n")
        f.write("try:\n    import ujson as json\nexcept ImportError:\n    import json\n")
        for k in range(60):
            f.write(f"def f{k}(x, y={k}):\n    s = f\"{{x!r}} import {{y}} {k}\"  # import comment\n"
                    f"    return [x * {k} for x in range(y)] + ['''a\nb''']\n")
PY

count=$(find "$work" -name '*.py' | wc -l)
bytes=$(du -sb "$work" | cut -f1)
echo "project: $count .py files, $bytes bytes"

t0=$(date +%s.%N)
"$ballast" deps "$work" --format json > "$work/out.json" || true
t1=$(date +%s.%N)
python3 - "$work" <<'PY'
import ast, os, sys
mods = set()
for dp, dn, fn in os.walk(sys.argv[1]):
    for f in fn:
        if f.endswith(".py"):
            tree = ast.parse(open(os.path.join(dp, f), encoding="utf-8").read())
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    mods.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    mods.add(node.module.split(".")[0])
print("baseline modules:", len(mods))
PY
t2=$(date +%s.%N)
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('ballast: imports', d['imports'], 'findings', len(d['findings']))" "$work/out.json"
echo "ballast deps:        $(echo "$t1 - $t0" | bc) s"
echo "python ast baseline: $(echo "$t2 - $t1" | bc) s"
