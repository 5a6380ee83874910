#!/usr/bin/env python3
"""Writes a small docker-archive by hand (tarfile, no engine, no ballast):
two layers with a dpkg database of three packages, for `ballast explore`'s
packages pane (tests/e2e/explore_test.sh). Hand-computed: deb:gamma stores
50000 bytes, deb:alpha 32000 (a1 30000 + a2 2000), deb:beta 9000; /bin/tool
(500) and the dpkg files themselves are unowned.

  pkg_image.py OUT.tar"""
import hashlib
import io
import json
import sys
import tarfile


def tar(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for path, data in entries:
            ti = tarfile.TarInfo(path)
            ti.mtime = 0
            if data is None:
                ti.type, ti.mode = tarfile.DIRTYPE, 0o755
                t.addfile(ti)
            else:
                ti.size, ti.mode = len(data), 0o644
                t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def status(pkgs):
    return "".join("Package: %s\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\n" % p
                   for p in pkgs).encode()


l0 = tar([("bin", None), ("bin/tool", b"t" * 500),
          ("usr", None), ("usr/lib", None), ("usr/lib/alpha", None),
          ("usr/lib/alpha/a1", b"a" * 30000), ("usr/lib/alpha/a2", b"a" * 2000),
          ("usr/share", None), ("usr/share/beta", None), ("usr/share/beta/b1", b"b" * 9000),
          ("var", None), ("var/lib", None), ("var/lib/dpkg", None), ("var/lib/dpkg/info", None),
          ("var/lib/dpkg/status", status(["alpha", "beta"])),
          ("var/lib/dpkg/info/alpha.list", b"/usr/lib/alpha/a1\n/usr/lib/alpha/a2\n"),
          ("var/lib/dpkg/info/beta.list", b"/usr/share/beta/b1\n")])
l1 = tar([("opt", None), ("opt/gamma", None), ("opt/gamma/g1", b"g" * 50000),
          ("var/lib/dpkg/status", status(["alpha", "beta", "gamma"])),
          ("var/lib/dpkg/info/gamma.list", b"/opt/gamma/g1\n")])
layers = [l0, l1]
diff_ids = ["sha256:" + hashlib.sha256(l).hexdigest() for l in layers]
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                     "rootfs": {"type": "layers", "diff_ids": diff_ids},
                     "history": [{"created_by": "ADD rootfs.tar /"},
                                 {"created_by": "/bin/sh -c apt-get install -y gamma"}]}).encode()
config_name = hashlib.sha256(config).hexdigest() + ".json"
manifest = json.dumps([{"Config": config_name, "RepoTags": ["e2e/packages:1"],
                        "Layers": ["l%d/layer.tar" % i for i in range(len(layers))]}]).encode()
with tarfile.open(sys.argv[1], "w") as out:
    for name, data in [(config_name, config), ("manifest.json", manifest)] + \
            [("l%d/layer.tar" % i, l) for i, l in enumerate(layers)]:
        ti = tarfile.TarInfo(name)
        ti.size, ti.mtime = len(data), 0
        out.addfile(ti, io.BytesIO(data))
