"""The HTML report's inline style and script (no network: the page works offline)."""
from __future__ import annotations

CSS = """
:root{--err:#b00020;--warn:#8a5a00;--info:#1f5fa8;--line:#ddd}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fff}
main{padding:1rem 2rem 3rem;max-width:1400px}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
table{border-collapse:collapse;margin:.3rem 0 1rem}
th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f5f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}
#controls{position:sticky;top:0;z-index:2;background:#f5f5f7;border-bottom:1px solid var(--line);padding:.6rem 2rem;
  display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center}
#controls label{white-space:nowrap}#controls select,#controls input[type=search]{font:inherit;padding:.15rem .3rem;max-width:22rem}
#controls input[type=search]{width:18rem}#shown{font-weight:600}
button.link{background:none;border:0;color:#0645ad;cursor:pointer;padding:0;font:inherit;text-decoration:underline}
.v{margin:.5rem 0 .9rem;padding:.4rem .6rem;border-left:4px solid #ccc;background:#fafafa;overflow-wrap:anywhere}
.v.error{border-color:var(--err)}.v.warning{border-color:#d4a017}.v.info{border-color:var(--info)}
.v.error,.v.warning,.v.info{color:#1d1d1f}
.v .head{color:#1d1d1f}.v .code{font-weight:600;font-family:ui-monospace,Menlo,Consolas,monospace}
.v .loc{font-family:ui-monospace,Menlo,Consolas,monospace}
.v .times{display:inline-block;margin-left:.4rem;padding:0 .4rem;border-radius:.6rem;background:#e8e8ed;font-size:.85em}
.lines{color:#555;font-size:.9em}
table.cells{margin:.35rem 0 0;font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;table-layout:auto;max-width:100%}
table.cells th,table.cells td{white-space:pre-wrap;overflow-wrap:anywhere;max-width:28rem}
table.cells td.ln,table.cells th.ln{color:#999;background:#fff;text-align:right}
table.cells td.hit{background:#ffe08a;outline:2px solid #d4a017}
pre.src{margin:.3rem 0 0;padding:.3rem;background:#fff;border:1px solid #eee;white-space:pre-wrap;overflow-wrap:anywhere;
  font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre.src .ln{color:#999;user-select:none;display:inline-block;min-width:3.5em;text-align:right;margin-right:.8em}
pre.src .hit{background:#fff3c4;display:block}pre.src mark{background:#ffe08a}
.fix{color:#2e7d32}.muted{color:#777}
details.rule{margin:.3rem 0;padding:.3rem .6rem;border:1px solid var(--line);border-radius:4px}
details.rule summary{cursor:pointer}details.rule pre{background:#f7f7f9;padding:.4rem;white-space:pre-wrap;margin:.2rem 0}
.examples{display:flex;flex-wrap:wrap;gap:1rem}.examples>div{flex:1 1 22rem}
[hidden]{display:none!important}
"""

# Filters: severity checkboxes, rule / file / root-cause selects, free-text search. Every
# finding carries data-sev, data-code, data-file, data-group, data-n (findings it stands for).
JS = """
(function(){
  var items = Array.prototype.slice.call(document.querySelectorAll('#findings .v'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('#findings section.file'));
  var rules = Array.prototype.slice.call(document.querySelectorAll('#rules details.rule'));
  var $ = function(id){ return document.getElementById(id); };
  var text = items.map(function(el){ return el.textContent.toLowerCase(); });
  function apply(){
    var sev = {}, shown = 0, entries = 0;
    ['error','warning','info'].forEach(function(s){ sev[s] = $('f-' + s).checked; });
    var code = $('f-rule').value, file = $('f-file').value, group = $('f-group').value;
    var q = $('f-search').value.trim().toLowerCase();
    for (var i = 0; i < items.length; i++) {
      var d = items[i].dataset;
      var ok = sev[d.sev] && (!code || d.code === code) && (!file || d.file === file) &&
               (!group || d.group === group) && (!q || text[i].indexOf(q) >= 0);
      items[i].hidden = !ok;
      if (ok) { shown += +d.n; entries += 1; }
    }
    sections.forEach(function(sec){ sec.hidden = !sec.querySelector('.v:not([hidden])'); });
    rules.forEach(function(r){ r.hidden = !!code && r.dataset.code !== code; });
    $('shown').textContent = shown.toLocaleString('en');
    $('entries').textContent = entries.toLocaleString('en');
    $('none').hidden = entries > 0;
  }
  ['f-error','f-warning','f-info','f-rule','f-file','f-group'].forEach(function(id){ $(id).addEventListener('change', apply); });
  $('f-search').addEventListener('input', apply);
  $('f-reset').addEventListener('click', function(){
    ['f-error','f-warning','f-info'].forEach(function(id){ $(id).checked = true; });
    ['f-rule','f-file','f-group','f-search'].forEach(function(id){ $(id).value = ''; });
    apply();
  });
  document.addEventListener('click', function(e){
    var t = e.target.closest('[data-set]');
    if (!t) return;
    e.preventDefault();
    $(t.dataset.set).value = t.dataset.value;
    apply();
    $('controls').scrollIntoView();
  });
  apply();
})();
"""
