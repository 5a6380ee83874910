#!/usr/bin/env python3
"""Compares a page of `ballast analyze --format html`, as Chromium rendered it
(--dump-dom), with `ballast analyze --format json --bytes --files` of the same
image: every number in the tables, the totals the page's script computed from
its embedded tree, and what its drill-down shows.

  html_check.py DOM.html REPORT.json KEY=VALUE...

KEY=VALUE are expectations about <body>'s data-test-* attributes (path=/usr,
cells=65) or 'path-bytes=under:/usr' (the regular-file bytes below /usr in the
JSON's files list) or 'path-bytes=reclaimable-under:/tmp'. Prints one line per
check; exits 1 when one fails."""
import json
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.body = {}
        self.elements = []  # (tag, attrs dict)
        self.rows = []      # (row attrs, [cell attrs])
        self.text = []
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "body":
            self.body = a
        elif tag == "tr":
            self._row = (a, [])
            self.rows.append(self._row)
        elif tag in ("td", "dd") and self._row is not None:
            self._row[1].append(a)
        if tag == "dd":
            self.rows.append(({"summary": "1"}, [a]))

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        self.text.append(data)


def main():
    dom_path, json_path, *expect = sys.argv[1:]
    dom = Dom()
    with open(dom_path, encoding="utf-8", errors="replace") as f:
        dom.feed(f.read())
    with open(json_path, encoding="utf-8") as f:
        rep = json.load(f)
    failures = 0

    def check(name, expected, actual):
        nonlocal failures
        if str(expected) == str(actual):
            print(f"ok   {name} = {actual}")
        else:
            print(f"FAIL {name}: expected {expected!r}, page has {actual!r}")
            failures += 1

    def keyed(cells):
        return {c["data-key"]: c.get("data-bytes", c.get("data-value")) for c in cells if "data-key" in c}

    b = dom.body
    check("script ran", "1", b.get("data-test-ready"))
    check("script errors", "0", b.get("data-test-errors"))
    t = rep["totals"]
    check("treemap final bytes (JS sum of the embedded tree)", t["final_bytes"], b.get("data-test-final-bytes"))
    check("treemap reclaimable bytes", t["reclaimable_bytes"], b.get("data-test-reclaimable-bytes"))

    summary = {}
    for attrs, cells in dom.rows:
        if "summary" in attrs:
            summary.update(keyed(cells))
    check("summary stored", t["stored_bytes"], summary.get("stored_bytes"))
    check("summary final", t["final_bytes"], summary.get("final_bytes"))
    check("summary reclaimable", t["reclaimable_bytes"], summary.get("reclaimable_bytes"))
    if "savings" in rep:
        check("summary savings", rep["savings"]["bytes"], summary.get("savings"))

    layers = {a["data-layer"]: keyed(c) for a, c in dom.rows if "data-layer" in a}
    check("layer rows", len(rep["layers"]), len(layers))
    for l in rep["layers"]:
        row = layers.get(str(l["index"]), {})
        for k in ("files_size", "stored_size", "reclaimable"):
            check(f"layer {l['index']} {k}", l[k], row.get(k))

    cats = {a["data-category"]: keyed(c) for a, c in dom.rows if "data-category" in a}
    for c in rep.get("categories", []):
        if c["files"] == 0 and c["stored_bytes"] == 0:
            continue
        row = cats.get(c["name"], {})
        check(f"category {c['name']} stored", c["stored_bytes"], row.get("stored_bytes"))
        check(f"category {c['name']} final", c["final_bytes"], row.get("final_bytes"))
    pkgs = {a["data-package"]: keyed(c) for a, c in dom.rows if "data-package" in a}
    check("package rows", min(len(rep.get("packages", [])), 500), len(pkgs))
    for p in rep.get("packages", [])[:500]:
        row = pkgs.get(p["label"], {})
        check(f"package {p['label']} stored", p["stored_bytes"], row.get("stored_bytes"))
        check(f"package {p['label']} final", p["final_bytes"], row.get("final_bytes"))
    findings = [(a["data-finding"], keyed(c).get("bytes_saved")) for a, c in dom.rows if "data-finding" in a]
    check("findings (id, bytes saved), in order",
          [(f["id"], str(f["bytes_saved"])) for f in rep.get("findings", [])], findings)

    dive = {}
    for attrs, cells in dom.rows:
        dive.update({k: v for k, v in keyed(cells).items() if k in ("efficiency", "wastedBytes", "userSize", "userWastedPercent")})
    for k in ("wastedBytes", "userSize"):
        check(f"dive {k}", rep["dive"][k], dive.get(k))
    for k in ("efficiency", "userWastedPercent"):
        check(f"dive {k}", repr(float(rep["dive"][k])), repr(float(dive.get(k, "nan"))))

    for e in expect:
        key, want = e.split("=", 1)
        if want.startswith("under:") or want.startswith("reclaimable-under:"):
            prefix = want.split(":", 1)[1].rstrip("/") + "/"
            if want.startswith("under:"):
                want = sum(f["size"] for f in rep["files"] if f["type"] == "file" and f["path"].startswith(prefix))
            else:
                want = sum(r["size"] for r in rep["reclaimable"] if r["path"].startswith(prefix))
        check(f"body data-test-{key}", want, b.get("data-test-" + key))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
