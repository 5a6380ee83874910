// The page's only script, inline: a squarified treemap (Bruls, Huizing and
// van Wijk, "Squarified Treemaps", 2000) of the tree embedded as JSON
// (html_tree.h's compact arrays), drawn with absolutely positioned divs.
// Names reach the DOM through textContent only, never as markup. After each
// drawing the page states what it shows in data-test-* attributes of <body>
// (docs/html.md#testing), which the browser test reads from --dump-dom.
#include "report/analyze_html.h"

namespace ballast::report {

const char* const kHtmlScript = R"JS(
(function () {
  'use strict';
  var body = document.body, errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); body.setAttribute('data-test-errors', String(errors.length)); });
  var data = JSON.parse(document.getElementById('ballast-data').textContent);
  var map = document.getElementById('map'), crumbs = document.getElementById('crumbs');
  var legend = document.getElementById('legend'), status = document.getElementById('status'), tip = document.getElementById('tip');
  var viewSel = document.getElementById('view'), colourSel = document.getElementById('colour');
  document.querySelector('#treemap .controls').hidden = false;

  // Node: [name, bytes, files, attrs, kids (directory) | 0 (folded)].
  function kids(n) { return Array.isArray(n[4]) ? n[4] : null; }
  var DIMS = { final: ['layer', 'category', 'package'], reclaimable: ['reason', 'layer', 'hidden_by', 'category', 'package'] };
  var INDEX = { final: { layer: 0, category: 1, 'package': 2 }, reclaimable: { layer: 0, category: 1, 'package': 2, reason: 3, hidden_by: 4 } };
  var NAMES = { layer: 'layer that added it', category: 'category', 'package': 'package', reason: 'why reclaimable', hidden_by: 'layer that hid it' };
  var state = { view: 'final', dim: 'layer', stack: [data.trees.final] };

  function human(b) {
    if (b < 1000) return b + ' B';
    var units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], u = 0, v = b;
    while (v >= 1000 && u + 1 < units.length) { v /= 1000; u++; }
    return (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) + ' ' + units[u];
  }
  function label(dim, v) {
    if (v < 0 || v === undefined) return dim === 'package' ? '[unowned]' : dim === 'category' ? 'unknown' : '-';
    if (dim === 'layer' || dim === 'hidden_by') {
      var l = data.layers[v];
      return 'L' + v + (l && l.instruction ? ' ' + l.instruction : '');
    }
    if (dim === 'category') return data.categories[v];
    if (dim === 'package') return data.packages[v];
    return data.reasons[v];
  }
  function colour(dim, v) {
    if (v < 0 || v === undefined) return '#b8bcc4';
    var base = { layer: 210, hidden_by: 30, category: 140, 'package': 280, reason: 0 }[dim] || 0;
    var hue = (base + v * 137.508) % 360;
    return 'hsl(' + hue.toFixed(1) + ',' + (58 + (v % 2) * 14) + '%,' + (62 + (v % 3) * 7) + '%)';
  }
  function attr(n, dim) { return n[3][INDEX[state.view][dim]]; }
  function pathOf(stack) {
    var p = '';
    for (var i = 1; i < stack.length; i++) p += '/' + stack[i][0];
    return p || '/';
  }
  function leafSum(n) {
    var k = kids(n);
    if (!k) return n[1];
    var s = 0;
    for (var i = 0; i < k.length; i++) s += leafSum(k[i]);
    return s;
  }

  // Squarified layout of nodes (bytes > 0, most first) in the rectangle.
  function squarify(nodes, x, y, w, h) {
    var out = [], total = 0, i;
    for (i = 0; i < nodes.length; i++) total += nodes[i][1];
    if (total <= 0 || w <= 0 || h <= 0) return out;
    var scale = w * h / total;
    function worst(sum, min, max, side) {
      return Math.max(side * side * max / (sum * sum), sum * sum / (side * side * min));
    }
    i = 0;
    while (i < nodes.length) {
      var side = Math.min(w, h), a = nodes[i][1] * scale, sum = a, min = a, max = a, j = i + 1;
      var cur = worst(sum, min, max, side);
      while (j < nodes.length) {
        var b = nodes[j][1] * scale;
        var next = worst(sum + b, Math.min(min, b), Math.max(max, b), side);
        if (next > cur) break;
        sum += b; min = Math.min(min, b); max = Math.max(max, b); cur = next; j++;
      }
      var k, off;
      if (w >= h) {
        var cw = sum / h;
        for (k = i, off = y; k < j; k++) { var ch = nodes[k][1] * scale / cw; out.push([nodes[k], x, off, cw, ch]); off += ch; }
        x += cw; w -= cw;
      } else {
        var rh = sum / w;
        for (k = i, off = x; k < j; k++) { var rw = nodes[k][1] * scale / rh; out.push([nodes[k], off, y, rw, rh]); off += rw; }
        y += rh; h -= rh;
      }
      i = j;
    }
    return out;
  }

  function describe(n, path) {
    var lines = [path, human(n[1]) + ' (' + n[1] + ' bytes), ' + n[2] + (n[2] === 1 ? ' file' : ' files')];
    if (n[4] === 0) lines.push('the smaller entries of this directory, folded');
    var dims = DIMS[state.view];
    for (var i = 0; i < dims.length; i++) {
      if (!data.attributed && (dims[i] === 'category' || dims[i] === 'package')) continue;
      var name = dims[i] === 'package' ? 'owner' : NAMES[dims[i]];
      lines.push(name + (kids(n) ? ' (most bytes)' : '') + ': ' + label(dims[i], attr(n, dims[i])));
    }
    return lines.join('\n');
  }

  var drawn = 0;
  function cell(n, r, depth, path, parentEl) {
    var el = document.createElement('div');
    var dir = !!kids(n);
    el.className = 'cell' + (dir ? ' dir' : '') + (depth ? ' nested' : '');
    var ox = parentEl ? parentEl._x : 0, oy = parentEl ? parentEl._y : 0;
    el._x = r[1]; el._y = r[2];
    el.style.left = (r[1] - ox) + 'px'; el.style.top = (r[2] - oy) + 'px';
    el.style.width = Math.max(r[3], 0) + 'px'; el.style.height = Math.max(r[4], 0) + 'px';
    el.style.background = colour(state.dim, attr(n, state.dim));
    el._node = n; el._path = path;
    if (r[3] > 28 && r[4] > 13) {
      var lbl = document.createElement('span');
      lbl.className = 'lbl';
      lbl.textContent = n[0] + (r[3] > 90 ? ' ' + human(n[1]) : '');
      el.appendChild(lbl);
    }
    if (depth === 0) {
      el.tabIndex = 0;
      el.setAttribute('role', dir ? 'button' : 'img');
      el.setAttribute('aria-label', n[0] + ', ' + human(n[1]) + (dir ? ', directory' : ''));
      drawn++;
    }
    (parentEl || map).appendChild(el);
    if (dir && depth < 2 && r[3] > 40 && r[4] > 36) {
      var inner = squarify(kids(n).filter(function (c) { return c[1] > 0; }), r[1] + 2, r[2] + 15, r[3] - 4, r[4] - 17);
      for (var i = 0; i < inner.length; i++)
        if (inner[i][3] >= 2 && inner[i][4] >= 2) cell(inner[i][0], inner[i], depth + 1, path + '/' + inner[i][0][0], el);
    }
    return el;
  }

  function drawLegend(node) {
    var by = {}, keys = [];
    (kids(node) || []).forEach(function (c) {
      var v = attr(c, state.dim);
      if (!(v in by)) { by[v] = 0; keys.push(v); }
      by[v] += c[1];
    });
    keys.sort(function (a, b) { return by[b] - by[a]; });
    legend.textContent = '';
    keys.slice(0, 12).forEach(function (v) {
      var s = document.createElement('span'), sw = document.createElement('i');
      sw.style.background = colour(state.dim, v);
      s.appendChild(sw);
      s.appendChild(document.createTextNode(label(state.dim, v) + ' ' + human(by[v])));
      legend.appendChild(s);
    });
    if (keys.length > 12) legend.appendChild(document.createTextNode('and ' + (keys.length - 12) + ' more'));
  }

  function drawCrumbs() {
    crumbs.textContent = '';
    state.stack.forEach(function (n, i) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = i === 0 ? (state.view === 'final' ? '/ (final filesystem)' : '/ (reclaimable)') : n[0];
      if (i === state.stack.length - 1) b.setAttribute('aria-current', 'location');
      else b.addEventListener('click', function () { state.stack.length = i + 1; draw(); focusFirst(); });
      if (i) crumbs.appendChild(document.createTextNode(' / '));
      crumbs.appendChild(b);
    });
  }

  function draw() {
    var node = state.stack[state.stack.length - 1], path = pathOf(state.stack);
    map.textContent = '';
    drawn = 0;
    var w = map.clientWidth, h = map.clientHeight;
    var rects = squarify((kids(node) || []).filter(function (c) { return c[1] > 0; }), 0, 0, w, h);
    for (var i = 0; i < rects.length; i++) cell(rects[i][0], rects[i], 0, (path === '/' ? '' : path) + '/' + rects[i][0][0], null);
    if (!rects.length) {
      var empty = document.createElement('p');
      empty.className = 'note';
      empty.textContent = 'Nothing here weighs a byte.';
      map.appendChild(empty);
    }
    drawCrumbs();
    drawLegend(node);
    status.textContent = path + ': ' + human(node[1]) + ' in ' + node[2] + ' files';
    body.setAttribute('data-test-view', state.view);
    body.setAttribute('data-test-colour', state.dim);
    body.setAttribute('data-test-path', path);
    body.setAttribute('data-test-path-bytes', String(node[1]));
    body.setAttribute('data-test-cells', String(drawn));
  }

  function focusFirst() { var c = map.querySelector('.cell'); if (c) c.focus({ preventScroll: true }); }
  // The one handler of a drill-down: clicks, Enter and #drill= all come here.
  function open(el) {
    while (el && el.parentNode !== map) el = el.parentNode;
    if (!el || !el._node || !kids(el._node)) return false;
    state.stack.push(el._node);
    draw();
    return true;
  }
  function up() {
    if (state.stack.length > 1) { state.stack.pop(); draw(); focusFirst(); }
  }

  map.addEventListener('click', function (e) { if (open(e.target)) focusFirst(); });
  map.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') { if (open(e.target)) focusFirst(); e.preventDefault(); }
    else if (e.key === 'Backspace' || e.key === 'Escape') { up(); e.preventDefault(); }
  });
  map.addEventListener('mousemove', function (e) {
    var el = e.target.closest ? e.target.closest('.cell') : null;
    if (!el) { tip.hidden = true; return; }
    tip.textContent = describe(el._node, el._path);
    tip.hidden = false;
    var x = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 4), y = e.clientY + 16;
    if (y + tip.offsetHeight > window.innerHeight) y = e.clientY - tip.offsetHeight - 8;
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  });
  map.addEventListener('mouseleave', function () { tip.hidden = true; });
  map.addEventListener('focusin', function (e) { if (e.target._node) status.textContent = describe(e.target._node, e.target._path).replace(/\n/g, ' · '); });

  function fillColours() {
    colourSel.textContent = '';
    DIMS[state.view].forEach(function (d) {
      if (!data.attributed && (d === 'category' || d === 'package')) return;
      var o = document.createElement('option');
      o.value = d; o.textContent = NAMES[d];
      colourSel.appendChild(o);
    });
    var offered = Array.prototype.map.call(colourSel.options, function (o) { return o.value; });
    if (offered.indexOf(state.dim) < 0) state.dim = offered[0];
    colourSel.value = state.dim;
  }
  function setView(v) {
    state.view = v;
    state.stack = [data.trees[v]];
    viewSel.value = v;
    fillColours();
    draw();
  }
  viewSel.addEventListener('change', function () { setView(viewSel.value); });
  colourSel.addEventListener('change', function () { state.dim = colourSel.value; draw(); });
  // Redraw when the map's box changes (window resized, print layout).
  var size = [map.clientWidth, map.clientHeight];
  function resized() {
    if (map.clientWidth === size[0] && map.clientHeight === size[1]) return;
    size = [map.clientWidth, map.clientHeight];
    draw();
  }
  if (window.ResizeObserver) new ResizeObserver(resized).observe(map);
  else window.addEventListener('resize', resized);
  window.addEventListener('beforeprint', resized);

  // #view=reclaimable&colour=category&drill=/usr/lib: the same steps a user
  // takes, each directory opened by a click on its cell.
  var params = new URLSearchParams(location.hash.slice(1));
  if (params.get('colour')) state.dim = params.get('colour');
  setView(params.get('view') === 'reclaimable' ? 'reclaimable' : 'final');
  var drill = params.get('drill');
  if (drill) {
    drill.split('/').filter(Boolean).forEach(function (name) {
      var cells = map.children;
      for (var i = 0; i < cells.length; i++)
        if (cells[i]._node && cells[i]._node[0] === name) { cells[i].click(); return; }
    });
  }
  body.setAttribute('data-test-final-bytes', String(leafSum(data.trees.final)));
  body.setAttribute('data-test-reclaimable-bytes', String(leafSum(data.trees.reclaimable)));
  body.setAttribute('data-test-errors', String(errors.length));
  body.setAttribute('data-test-ready', '1');
})();
)JS";

}  // namespace ballast::report
