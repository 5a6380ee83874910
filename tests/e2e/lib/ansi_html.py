#!/usr/bin/env python3
"""A `tmux capture-pane -e -p` screen as one HTML page (for the README's
screenshot, rendered by chromium --screenshot in tests/e2e/explore_test.sh):
SGR bold, dim, reverse and the 8 colours become styled spans; everything is
escaped.   ansi_html.py SCREEN.ansi > SCREEN.html"""
import html
import re
import sys

FG = ["#1e1e1e", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#dcdfe4"]
DEFAULT_FG, DEFAULT_BG = "#dcdfe4", "#1e1e1e"


def main():
    text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    state = {"fg": None, "bg": None, "bold": False, "dim": False, "rev": False}
    out = []
    for part in re.split(r"(\x1b\[[0-9;]*m)", text):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if m:
            codes = [int(c) if c else 0 for c in m.group(1).split(";")] if m.group(1) else [0]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0:
                    state = {"fg": None, "bg": None, "bold": False, "dim": False, "rev": False}
                elif c == 1: state["bold"] = True
                elif c == 2: state["dim"] = True
                elif c == 7: state["rev"] = True
                elif c == 22: state["bold"] = state["dim"] = False
                elif c == 27: state["rev"] = False
                elif 30 <= c <= 37: state["fg"] = FG[c - 30]
                elif 90 <= c <= 97: state["fg"] = FG[c - 90]
                elif c == 39: state["fg"] = None
                elif 40 <= c <= 47: state["bg"] = FG[c - 40]
                elif c == 49: state["bg"] = None
                elif c in (38, 48) and i + 1 < len(codes):  # 256 / true colour: skip the arguments
                    i += 2 if codes[i + 1] == 5 else 4
                i += 1
            continue
        if not part:
            continue
        fg, bg = state["fg"] or DEFAULT_FG, state["bg"] or DEFAULT_BG
        if state["rev"]:
            fg, bg = bg, fg
        style = "color:%s;background:%s" % (fg, bg)
        if state["bold"]: style += ";font-weight:bold"
        if state["dim"]: style += ";opacity:.7"
        out.append('<span style="%s">%s</span>' % (style, html.escape(part)))
    print('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:%s}'
          'pre{margin:8px;font:13px/1.15 "DejaVu Sans Mono",monospace;color:%s}</style></head><body><pre>%s</pre>'
          '</body></html>' % (DEFAULT_BG, DEFAULT_FG, "".join(out)))


if __name__ == "__main__":
    main()
