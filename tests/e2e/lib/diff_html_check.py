#!/usr/bin/env python3
"""Compares a page of `ballast diff --format html`, as Chromium rendered it
(--dump-dom), with `ballast diff --format json` of the same two images:
the totals (A, B, change), the layers B shares, adds and drops, every
package and category row, every file change, the change tree's rows, the
config changes and the findings B adds or fixes.

  diff_html_check.py DOM.html DIFF.json

Prints one line per check; exits 1 when one fails."""
import json
import sys
from html.parser import HTMLParser


class Rows(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []  # (tr attrs, [td attrs])
        self.tags = []
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "tr":
            self._row = (a, [])
            self.rows.append(self._row)
        elif tag == "td" and self._row is not None:
            self._row[1].append(a)


def cells(row):
    out = {}
    for c in row[1]:
        if "data-side" in c:
            out[c["data-side"]] = int(c.get("data-bytes", c.get("data-delta")))
    return out


def main():
    dom, report = sys.argv[1], json.load(open(sys.argv[2]))
    p = Rows()
    p.feed(open(dom, encoding="utf-8", errors="replace").read())
    failed = 0

    def eq(what, got, want):
        nonlocal failed
        if got == want:
            print("ok   %s" % what)
        else:
            print("FAIL %s: got %r, want %r" % (what, got, want))
            failed += 1

    totals = {r[0]["data-total"]: cells(r) for r in p.rows if "data-total" in r[0]}
    eq("totals", totals, {k: v for k, v in report["totals"].items()})
    for status in ("shared", "added", "removed"):
        got = sorted((c["size"], c["compressed"]) for c in (cells(r) for r in p.rows if r[0].get("data-layer") == status))
        eq("%s layers" % status, got, sorted((l["size"], l["compressed_size"]) for l in report["layers"][status]))
    if "packages" in report:
        got = {r[0]["data-package"]: (r[0]["data-change"], cells(r)) for r in p.rows if "data-package" in r[0]}
        eq("packages (%d)" % len(report["packages"]), got,
           {x["label"]: (x["change"], x["stored_bytes"]) for x in report["packages"]})
        got = {r[0]["data-category"]: cells(r) for r in p.rows if "data-category" in r[0]}
        want = {x["name"]: x["stored_bytes"] for x in report["categories"]}
        eq("categories", got, {k: want[k] for k in got} if set(got) <= set(want) else want)
    if "files" in report:
        got = {r[0]["data-path"]: (r[0]["data-change"], cells(r)) for r in p.rows if "data-path" in r[0]}
        eq("files (%d)" % len(report["files"]), got,
           {f["path"]: (f["change"], {"a": f["size_a"], "b": f["size_b"]}) for f in report["files"]})
    if "breakdown" in report:
        want = []

        def walk(n, depth):
            for c in n.get("children", []):
                want.append((c["name"], depth, c["stored"]["change"], c["final"]["change"]))
                walk(c, depth + 1)
        walk(report["breakdown"]["tree"], 1)
        got = []
        for r in p.rows:
            if "data-row" in r[0] and r[0]["data-row"] != "TOTAL":
                d = [int(c["data-delta"]) for c in r[1] if "data-delta" in c]
                got.append((r[0]["data-row"], int(r[0]["data-depth"]), d[0], d[1]))
        eq("change tree rows (%d)" % len(want), got, want)
    got = sorted((r[0]["data-config"], r[0]["data-change"]) for r in p.rows if "data-config" in r[0])
    eq("config changes", got, sorted((c["field"], c["change"]) for c in report["config"]))
    if "findings" in report:
        got = sorted((r[0]["data-status"], r[0]["data-finding"]) for r in p.rows if "data-finding" in r[0])
        want = sorted([("new", f["id"]) for f in report["findings"]["new"]] +
                      [("fixed", f["id"]) for f in report["findings"]["fixed"]])
        eq("findings new and fixed", got, want)
    if "script" in p.tags:
        print("FAIL the diff page has a script")
        failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
