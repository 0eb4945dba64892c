/* National catalogue (全国标准目录): search and facets over federation-index.json.
 *
 * The index is written by hooks/federate/pages.py: one compact row per standard
 * [member, number, title, level, domain code, status, url, number keys, text, initials, issued].
 * Number keys and normalisation follow hooks/search/tokens.py (the rules come with the index as
 * `settings`). Every value is put into the page with textContent or as an attribute value:
 * harvested metadata is never parsed as HTML. State lives in the URL (?q=&member=&level=&domain=
 * &status=), so a search can be bookmarked. Without JavaScript the page lists members, each with
 * a page of its standards.
 */
(function () {
  "use strict";
  var PAGE = 100;
  var root, data, form, fields, out, count, more, shown = PAGE, matches = [];
  var R = { member: 0, number: 1, title: 2, level: 3, domain: 4, status: 5, url: 6, keys: 7,
            text: 8, initials: 9, issued: 10 };

  function charClass(text) { return text.replace(/[\\\]^-]/g, "\\$&"); }

  function makeNormalisers(s) {
    var dashes = new RegExp("[" + charClass(s.dashes) + "]", "g");
    var notNumber = new RegExp("[^" + s.number_chars + s.han + "]+", "g");
    var han = new RegExp("[" + s.han + "]");
    var normalise = function (t) {
      return (t || "").normalize("NFKC").toLowerCase().replace(dashes, "-").replace(/\s+/g, " ").trim();
    };
    return {
      normalise: normalise,
      compact: function (t) { return normalise(t).replace(notNumber, ""); },
      isHan: function (t) { return han.test(t); }
    };
  }

  function bigrams(t) {
    var out = [];
    for (var i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
    return out;
  }

  /* A term's score against a row (0: no match). */
  function termScore(row, term, n) {
    var key = n.compact(term);
    if (/\d/.test(key)) {
      var keys = row[R.keys].split(" ");
      for (var k = 0; k < keys.length; k++) {
        if (keys[k] === key) return 100;
        if (keys[k].indexOf(key) === 0) return 60;
      }
      return row[R.keys].indexOf(key) >= 0 ? 40 : 0;
    }
    var text = row[R.text];
    var flat = text.replace(/ /g, "");
    if (text.indexOf(term) >= 0 || flat.indexOf(term.replace(/ /g, "")) >= 0) {
      return row[R.title].indexOf(term) === 0 ? 30 : 20;
    }
    if (n.isHan(term) && term.length > 2) {
      var grams = bigrams(term.replace(/ /g, ""));
      if (grams.every(function (g) { return flat.indexOf(g) >= 0; })) return 10;
    }
    if (/^[a-z]{2,}$/.test(term) && row[R.initials].indexOf(term) >= 0) {
      return row[R.initials].indexOf(term) === 0 ? 15 : 8;
    }
    return 0;
  }

  function state() {
    var s = {};
    ["q", "member", "level", "domain", "status"].forEach(function (k) { s[k] = fields[k].value.trim(); });
    return s;
  }

  function domainMatch(code, want) {
    return code === want || code.indexOf(want + ".") === 0;
  }

  function search() {
    var s = state(), n = data.norm;
    var terms = n.normalise(s.q).split(/[\s,，、;；]+/).filter(Boolean);
    var member = -1, level = -1, status = -1;
    data.members.forEach(function (m, i) { if (m.slug === s.member) member = i; });
    if (s.level) level = data.levels.indexOf(s.level);
    if (s.status) status = data.statuses.indexOf(s.status);
    var found = [];
    for (var i = 0; i < data.rows.length; i++) {
      var row = data.rows[i];
      if (s.member && row[R.member] !== member) continue;
      if (s.level && row[R.level] !== level) continue;
      if (s.status && row[R.status] !== status) continue;
      if (s.domain && !domainMatch(row[R.domain], s.domain)) continue;
      var score = 0, ok = true;
      for (var t = 0; t < terms.length && ok; t++) {
        var one = termScore(row, terms[t], n);
        ok = one > 0;
        score += one;
      }
      if (ok) found.push([score, i]);
    }
    if (terms.length) found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return found.map(function (f) { return data.rows[f[1]]; });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cell(tr, label, content, cls) {
    var td = el("td", cls);
    td.setAttribute("data-label", label);
    if (typeof content === "string") td.textContent = content; else td.appendChild(content);
    tr.appendChild(td);
  }

  function domainName(code) {
    if (code === "-") return data.unmatched;
    var d = data.domainByCode[code];
    return d ? d.code + " " + d.name : code;
  }

  function render() {
    out.textContent = "";
    var total = matches.length;
    count.textContent = total ? "找到 " + total + " 项标准" + (total > shown ? "，显示前 " + shown + " 项" : "")
                              : "没有找到符合条件的标准。请换一个词，或清除筛选条件。";
    out.hidden = total === 0;
    more.hidden = total <= shown;
    if (!total) return;
    var wrap = el("div", "idx-table-wrap");
    var table = el("table", "fed-table fed-std-table fed-results-table");
    var cap = el("caption", "idx-visually-hidden", "检索结果");
    table.appendChild(cap);
    var head = el("tr");
    ["标准号", "标准名称", "成员", "标准层级", "所属领域", "状态"].forEach(function (h) {
      var th = el("th", "", h);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    matches.slice(0, shown).forEach(function (row) {
      var member = data.members[row[R.member]];
      var tr = el("tr");
      var a = el("a", "", row[R.number]);
      a.href = member.site + row[R.url];
      a.rel = "noopener";
      cell(tr, "标准号", a, "idx-nowrap");
      cell(tr, "标准名称", row[R.title]);
      var who = el("a", "", member.name);
      who.href = member.page;
      cell(tr, "成员", who);
      cell(tr, "标准层级", data.levels[row[R.level]] || "");
      cell(tr, "所属领域", domainName(row[R.domain]));
      var st = data.statuses[row[R.status]];
      var tag = el("span", "status-tag status-tag--" + data.status_keys[row[R.status]], st);
      cell(tr, "状态", tag);
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  function update(push) {
    shown = PAGE;
    matches = search();
    render();
    var s = state(), params = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (push) history.replaceState(null, "", url);
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    ["q", "member", "level", "domain", "status"].forEach(function (k) {
      var v = params.get(k) || "";
      var f = fields[k];
      if (f.tagName === "SELECT" && v && !Array.prototype.some.call(f.options, function (o) { return o.value === v; })) v = "";
      f.value = v;
    });
  }

  function start(index) {
    data = index;
    data.norm = makeNormalisers(index.settings);
    data.domainByCode = {};
    index.domains.forEach(function (d) { data.domainByCode[d.code] = d; });
    readUrl();
    var timer = null;
    form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
    form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
    fields.q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(true); }, 120);
    });
    ["member", "level", "domain", "status"].forEach(function (k) {
      fields[k].addEventListener("change", function () { update(true); });
    });
    more.addEventListener("click", function () { shown += PAGE; render(); });
    root.setAttribute("data-ready", "true");
    update(false);
  }

  function init() {
    root = document.getElementById("fed-catalogue");
    if (!root) return;
    form = document.getElementById("fed-filters");
    fields = { q: document.getElementById("fed-q"), member: document.getElementById("fed-member"),
               level: document.getElementById("fed-level"), domain: document.getElementById("fed-domain"),
               status: document.getElementById("fed-status") };
    out = document.getElementById("fed-results");
    count = document.getElementById("fed-count");
    more = document.getElementById("fed-more");
    count.textContent = "正在载入索引…";
    fetch(root.getAttribute("data-index"))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(start)
      .catch(function () { count.textContent = "检索索引载入失败。请按成员浏览下表。"; });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
