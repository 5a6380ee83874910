// The page's only style sheet, inline (no fonts or files are loaded): system
// fonts, tables that stay readable in print, the treemap's cells.
#include "report/analyze_html.h"

namespace ballast::report {

const char* const kHtmlStyle = R"CSS(
:root{--fg:#1d2330;--muted:#5b6475;--line:#d8dce3;--bg:#fff;--panel:#f5f6f8;--kept:#4a78c2;--lost:#d9534f}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
header,main,nav.toc{max-width:1200px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:22px;margin:0 0 4px;word-break:break-all}
h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all;white-space:pre-wrap}
.src{color:var(--muted);margin:0 0 12px}
.summary{display:flex;flex-wrap:wrap;gap:12px;margin:0}
.summary div{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:180px}
.summary dt{color:var(--muted);font-size:12px}.summary dd{margin:0;font-size:20px;font-weight:600}
.summary small{display:block;font-size:12px;font-weight:400;color:var(--muted)}
nav.toc{margin-top:12px}nav.toc a{margin-right:12px;color:#2557a7}
table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel);font-weight:600;font-size:12px}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.kv{width:auto}
.scroll{overflow-x:auto}.scroll.tall{max-height:480px;overflow-y:auto}
.cols{display:grid;grid-template-columns:3fr 2fr;gap:16px}
.note{color:var(--muted);font-size:12px}
.layers td.cmd{max-width:420px}
.barcol{width:28%}
.bar{display:flex;height:14px;background:var(--panel);border-radius:2px;overflow:hidden;min-width:120px}
.bar span,.key{display:inline-block;height:14px}.key{width:12px;height:10px;vertical-align:middle}
.kept{background:var(--kept)}.lost{background:var(--lost)}
details summary{cursor:pointer;color:var(--muted);font-size:11px}
.sev{font-size:11px;padding:0 4px;border-radius:3px;background:#eee}.sev.warning{background:#fde7c2}.sev.error{background:#f6c6c4}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:6px}
.hint{color:var(--muted);font-size:12px}
#crumbs{margin:4px 0;font-size:13px}
#crumbs button{background:none;border:0;color:#2557a7;cursor:pointer;padding:0 2px;font:inherit}
#crumbs button[aria-current]{color:var(--fg);font-weight:600;cursor:default}
#map{position:relative;height:60vh;min-height:320px;background:var(--panel);border:1px solid var(--line);overflow:hidden}
.cell{position:absolute;overflow:hidden;border:1px solid rgba(255,255,255,.85);font-size:11px;line-height:14px;padding:1px 3px;color:#111;cursor:default}
.cell.dir{cursor:zoom-in}.cell.dir>.lbl{font-weight:600}
.cell:focus{outline:3px solid #111;outline-offset:-3px;z-index:2}
.cell .lbl{white-space:nowrap;text-overflow:ellipsis;overflow:hidden;display:block;pointer-events:none}
.cell.nested{border-color:rgba(255,255,255,.6)}
#legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0;font-size:12px}
#legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px;border-radius:2px}
#status{min-height:18px;font-size:12px;color:var(--muted);margin:2px 0}
#tip{position:fixed;z-index:10;max-width:460px;background:#1d2330;color:#fff;padding:6px 8px;border-radius:4px;font-size:12px;pointer-events:none;white-space:pre-wrap;word-break:break-all}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
@media print{
  body{font-size:11px}nav.toc,.controls,#tip,#status,.hint{display:none!important}
  #map{height:14cm;min-height:0;break-inside:avoid}
  .cell,.bar span,#legend i{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .scroll,.scroll.tall{max-height:none;overflow:visible}
  tr{break-inside:avoid}h2{break-after:avoid}
  details{display:block}details>*{display:block}
  a{color:inherit;text-decoration:none}
}
)CSS";

}  // namespace ballast::report
