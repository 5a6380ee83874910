#!/usr/bin/env python3
"""Reads a `tmux capture-pane -p` of `ballast explore --bytes` and checks it
against `ballast analyze --format json --bytes --files` of the same image.
Every expected number is computed here from the JSON (the files list, the
layers, findings, packages), never from what the screen shows elsewhere.

  explore_screen.py CHECK CAPTURE.txt REPORT.json [ARG...]

Prints one line per check; exits 1 when one fails."""
import fnmatch
import json
import re
import sys

SEV = {"error": 0, "warning": 1, "info": 2}


def load(capture):
    with open(capture, encoding="utf-8", errors="replace") as f:
        return f.read().rstrip("\n").split("\n")


def left_width(width):  # tui/layout.cc: clamp(width * 2 / 5, 30, 64)
    return max(30, min(64, width * 2 // 5))


def boxes(lines):
    """Panes by title: {title: (focused, [inner lines])}; a title is the text
    in the top border ("[Files: ...]" when focused)."""
    out = {}
    width = max(len(l) for l in lines)
    lines = [l.ljust(width) for l in lines]
    lw = left_width(width)
    for x0, x1 in ((0, lw), (lw, width)):
        y = 1
        while y < len(lines):
            top = lines[y][x0:x1]
            if top.startswith("┌"):
                m = re.match(r"┌─(\[(.*?)\]|\s(.*?)\s)─", top)
                title = (m.group(2) or m.group(3)) if m else "?"
                focused = bool(m and m.group(2) is not None)
                inner = []
                y += 1
                while y < len(lines) and not lines[y][x0:x1].startswith("└"):
                    inner.append(lines[y][x0 + 1:x1 - 1])
                    y += 1
                out[title.split(":")[0]] = (focused, title, inner)
            y += 1
    return out


def tree_rows(lines):
    """The tree pane's rows, read by column as tui/explore_draw.cc lays them
    out: the cursor, [the mark,] the size ending under the header's "Size",
    [the layer in 3 columns,] two spaces, two per depth, "+ "/"- "/"  ", the name."""
    focused, title, inner = boxes(lines)["Files"]
    final = "final filesystem" in title
    size_end = inner[0].index("Size") + 4
    name_at = size_end + (7 if final else 2)
    rows = []
    for text in inner[1:]:
        if not text.strip():
            continue
        r = {"cursor": text[0] == ">", "mark": " " if final else text[1]}
        start = 1 if final else 3
        try:
            r["size"] = int(text[start:size_end])
            layer = text[size_end + 2:size_end + 5].strip() if final else ""
            r["layer"] = int(layer) if layer else None
        except ValueError:
            rows.append({"bad": text})
            continue
        rest = text[name_at:].rstrip()
        indent = len(rest) - len(rest.lstrip(" "))
        # the root's row has no indent; "  " before a file's name counts as its marker
        marker = rest[indent:indent + 2]
        name = rest[indent + 2:]
        if marker not in ("+ ", "- "):  # a file: the two spaces were its marker
            indent -= 2
            marker, name = "  ", rest[indent + 2:]
        r["depth"] = indent // 2
        r["deleted"] = name.endswith("  (deleted)")
        if r["deleted"]:
            name = name[: -len("  (deleted)")]
        r["dir"] = marker in ("+ ", "- ")
        r["open"] = marker == "- "
        r["name"] = "/" if name == "/" else name.rstrip("/")
        rows.append(r)
    stack = []
    for r in rows:
        if "bad" in r:
            continue
        del stack[r["depth"]:]
        stack.append(r["name"])
        r["path"] = "/" if r["depth"] == 0 else "/" + "/".join(stack[1:])
    return title, rows


def pane_rows(lines, name):
    focused, title, inner = boxes(lines)[name]
    return focused, [t for t in inner[1:] if t.strip()]


def regular(report):
    return [f for f in report["files"] if f["type"] == "file"]


def under(report, path):
    pre = "" if path == "/" else path
    return sum(f["size"] for f in regular(report) if f["path"].startswith(pre + "/"))


def children(report, path):
    """Direct children of a directory of the final filesystem with their bytes."""
    pre = "" if path == "/" else path
    kids = {}
    for f in report["files"]:
        p = f["path"]
        if not p.startswith(pre + "/"):
            continue
        name = p[len(pre) + 1:].split("/")[0]
        kids.setdefault(name, 0)
        if f["type"] == "file":
            kids[name] += f["size"]
    return kids


def finding_order(report):
    # report/findings_order.h: errors, warnings, info; each by bytes saved; ties in report order.
    fs = list(enumerate(report.get("findings", [])))
    fs.sort(key=lambda p: (SEV[p[1]["severity"]], -p[1].get("bytes_saved", 0), p[0]))
    return [f for _, f in fs]


class Checks:
    def __init__(self):
        self.failed = 0

    def eq(self, what, got, want):
        if got == want:
            print("ok   %s: %r" % (what, got))
        else:
            print("FAIL %s: got %r, want %r" % (what, got, want))
            self.failed += 1

    def true(self, what, cond, detail=""):
        print(("ok   %s" if cond else "FAIL %s") % what + ("" if cond else ": " + detail))
        self.failed += 0 if cond else 1


def main():
    check, capture, report_path = sys.argv[1:4]
    args = sys.argv[4:]
    lines = load(capture)
    report = json.load(open(report_path))
    c = Checks()
    t = report["totals"]
    if check == "start":
        title = lines[0]
        c.true("title has the totals", "stored %d  final %d  reclaimable %d" % (t["stored_bytes"], t["final_bytes"],
               t["reclaimable_bytes"]) in title, title)
        c.eq("regular files add up to final_bytes (the check's own control)", under(report, "/"), t["final_bytes"])
        _, rows = pane_rows(lines, "Layers")
        got = [tuple(r[1:].split()[:3]) for r in rows]
        want = [("all", str(t["final_bytes"]), str(t["reclaimable_bytes"]))]
        want += [(str(l["index"]), str(l["files_size"]), str(l["reclaimable"])) for l in report["layers"]]
        c.eq("layers pane: index, files_size, reclaimable", got[: len(want)], want)
    if check in ("start", "dir"):
        path = args[0] if args else "/"
        order = args[1] if len(args) > 1 else "size"
        title, rows = tree_rows(lines)
        c.true("no unparsed tree row", all("bad" not in r for r in rows), str([r for r in rows if "bad" in r]))
        byp = {r["path"]: r for r in rows if "path" in r}
        c.eq("%s weighs" % path, byp.get(path, {}).get("size"), under(report, path))
        kids = children(report, path)
        if order == "size":
            want = sorted(kids.items(), key=lambda kv: (-kv[1], kv[0]))
        else:
            want = sorted(kids.items())
        pre = "" if path == "/" else path
        got = [(r["path"][len(pre) + 1:], r["size"]) for r in rows
               if r.get("path", "") != path and r.get("path", "").startswith(pre + "/")
               and r["path"].count("/") == pre.count("/") + 1]
        c.eq("children of %s in %s order with their bytes" % (path, order), got, want[: len(got)])
        c.true("children of %s shown" % path, len(got) == len(want) or len(got) >= 5, "%d of %d" % (len(got), len(want)))
        c.true("title says " + order, ("by " + order) in title, title)
    if check == "cursor":
        _, rows = tree_rows(lines)
        cur = [r["path"] for r in rows if r.get("cursor")]
        c.eq("cursor on", cur, [args[0]])
    if check == "filter":
        kind, pattern = args[0], args[1]
        min_bytes = int(args[2]) if len(args) > 2 else 0
        files = [f for f in regular(report) if f["size"] >= min_bytes]
        if kind == "glob":
            files = [f for f in files if fnmatch.fnmatchcase(f["path"], pattern)]
        elif kind == "text":
            files = [f for f in files if pattern.lower() in f["path"].lower()]
        n, b = len(files), sum(f["size"] for f in files)
        keys = lines[-1]
        c.true("key line: %d files, %d bytes" % (n, b), ": %d files, %d (x clears)" % (n, b) in keys, keys)
        _, rows = tree_rows(lines)
        leaves = sorted(r["path"] for r in rows if "path" in r and not r["dir"])
        c.eq("the files shown", leaves, sorted(f["path"] for f in files)[: len(leaves)])
        c.true("all of them shown (or the pane is full)", len(leaves) == n or len(rows) >= 10, "%d of %d" % (len(leaves), n))
    if check == "findings":
        focused, rows = pane_rows(lines, "Findings")
        want = finding_order(report)
        got = [r[1:].split()[:2] for r in rows]
        c.eq("findings pane: bytes saved and id, errors first", got, [[str(f["bytes_saved"]), f["id"]] for f in want][: len(got)])
        c.true("findings pane focused", focused)
    if check == "finding-open":
        i = int(args[0])
        f = finding_order(report)[i]
        paths = []
        for p in f["paths"]:
            paths += p.split(" = ")
        c.true("key line names the finding", ("filter: finding " + f["id"]) in lines[-1], lines[-1])
        detail = lines[-2].split("  ")[0]
        c.true("detail line: a path of the finding (%s)" % detail,
               any(detail == p or detail.startswith(p + "/") for p in paths), str(paths))
        _, rows = tree_rows(lines)
        leaves = [r["path"] for r in rows if "path" in r and not r["dir"]]
        c.true("only its paths shown", leaves and all(any(l == p or l.startswith(p + "/") for p in paths) for l in leaves),
               str(leaves))
    if check == "layer":
        layer = int(args[0])
        l = report["layers"][layer]
        title, rows = tree_rows(lines)
        c.true("title: layer %d" % layer, ("layer %d" % layer) in title, title)
        c.eq("layer %d's root weighs files_size" % layer, rows[0]["size"] if rows else None, l["files_size"])
        deleted = [r for r in rows if r.get("deleted")]
        for r in deleted:
            hid = sum(x["size"] for x in report["reclaimable"] if x["reason"] == "deleted" and x["shadowed_layer"] == layer
                      and (x["path"] == r["path"] or x["path"].startswith(r["path"] + "/")))
            c.eq("R %s shows the bytes it deletes" % r["path"], (r["mark"], r["size"]), ("R", hid))
        if len(args) > 1:
            c.true("a removal is shown", len(deleted) > 0, str(rows))
    if check == "packages":
        focused, rows = pane_rows(lines, "Packages")
        want = sorted(report["packages"], key=lambda p: (-p["stored_bytes"], p["label"]))
        got = [r[1:].split()[:2] for r in rows]
        c.eq("packages pane: stored bytes and label", got, [[str(p["stored_bytes"]), p["label"]] for p in want][: len(got)])
        c.true("every package shown", len(got) == len(want), "%d of %d" % (len(got), len(want)))
    if check == "package-open":
        label = args[0]
        p = [p for p in report["packages"] if p["label"] == label][0]
        n = sum(1 for f in report["layer_files"] if f["package"] == label and f["visible"])
        keys = lines[-1]
        c.true("key line: package %s, %d files, %d bytes" % (label, n, p["final_bytes"]),
               ("filter: package %s: %d files, %d (x clears)" % (label, n, p["final_bytes"])) in keys, keys)
        _, rows = tree_rows(lines)
        c.eq("the files shown are the package's", sorted(r["path"] for r in rows if "path" in r and not r["dir"]),
             sorted(f["path"] for f in report["layer_files"] if f["package"] == label and f["visible"]))
    if check == "help":
        text = "\n".join(lines)
        c.true("help box shown", "[Help]" in text and "Keys" in text and "q   quit" in text, text[:200])
    if check == "no-help":
        c.true("help box gone", "[Help]" not in "\n".join(lines))
    if check == "size":
        w, h = int(args[0]), int(args[1])
        c.eq("capture height", len(lines), h)
        c.eq("top border width", len(lines[1].rstrip()), w)
        c.true("tree pane's right border at the last column", lines[2].rstrip().endswith("│"), lines[2])
    if check == "too-small":
        c.true("too small says so", "ballast explore needs 60x16" in lines[0], lines[0])
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
