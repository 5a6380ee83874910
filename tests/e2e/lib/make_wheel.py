#!/usr/bin/env python3
"""Writes a pure-Python wheel (PEP 427) by hand, so tests need no PyPI and no
setuptools: NAME-VERSION-py3-none-any.whl in OUTDIR, holding the package NAME
whose answer() returns "NAME VERSION", and, with --payload N, N bytes of
incompressible data (NAME/data.bin) to make it heavy.

  make_wheel.py OUTDIR NAME VERSION [--payload N]
"""
import base64
import hashlib
import os
import sys
import zipfile


def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def main(argv):
    if len(argv) not in (4, 6) or (len(argv) == 6 and argv[4] != "--payload"):
        sys.exit(__doc__)
    outdir, name, version = argv[1:4]
    payload = int(argv[5]) if len(argv) == 6 else 0
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f'def answer():\n    return "{name} {version}"\n'.encode(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: ballast-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/top_level.txt": f"{name}\n".encode(),
    }
    if payload:
        files[f"{name}/data.bin"] = os.urandom(payload)
    record = "".join(f"{path},{digest(data)},{len(data)}\n" for path, data in files.items())
    record += f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    path = os.path.join(outdir, f"{name}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED) as whl:
        for member, data in files.items():
            whl.writestr(member, data)
    os.replace(path + ".tmp", path)
    print(path)


if __name__ == "__main__":
    main(sys.argv)
