#!/usr/bin/env python3
"""One line per member of a container export (docker export): path, type,
mode, uid:gid, size, link target, mtime for non-directories, sha256 of the
contents and security.capability. Hardlinks are listed as the file they
share an inode with (their contents hashed through the target), so two
exports that differ only in which name tar met first compare equal.
Usage: tar_listing.py EXPORT.tar [IGNORE-REGEX]"""
import hashlib
import re
import sys
import tarfile

ignore = re.compile(sys.argv[2]) if len(sys.argv) > 2 else None
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        path = m.name
        while path.startswith("./"):
            path = path[2:]
        path = path.rstrip("/")
        if not path or (ignore and ignore.match(path)):
            continue
        kind = {tarfile.REGTYPE: "file", tarfile.AREGTYPE: "file", tarfile.LNKTYPE: "file",
                tarfile.DIRTYPE: "dir", tarfile.SYMTYPE: "symlink", tarfile.CHRTYPE: "char",
                tarfile.BLKTYPE: "block", tarfile.FIFOTYPE: "fifo"}.get(m.type, "other")
        digest, size = "-", 0
        if kind == "file":
            data = t.extractfile(m).read()
            digest, size = hashlib.sha256(data).hexdigest()[:16], len(data)
        link = m.linkname if kind == "symlink" else ""
        dev = f"{m.devmajor},{m.devminor}" if kind in ("char", "block") else ""
        mtime = "" if kind == "dir" else str(int(m.mtime))
        cap = m.pax_headers.get("SCHILY.xattr.security.capability", "")
        cap = cap.encode("utf-8", "surrogateescape").hex() if cap else ""
        print("\t".join([path, kind, oct(m.mode), f"{m.uid}:{m.gid}", str(size), link, dev, mtime, digest, cap]))
