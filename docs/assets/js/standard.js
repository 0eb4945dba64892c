/*
 * Standard pages: the ¶ link on every clause heading, and the 复制 buttons (the GB/T 7714
 * citation; the number as the full-text platform writes it).
 * The build leaves the ¶ links out of the HTML (a hundred per standard; every heading keeps its
 * id, so #5.2 works without JavaScript) and they are added here, before any 意见 link.
 * <button data-copy-target="ID" hidden> is shown only when JavaScript runs; it copies the text of
 * the element with that id and says so in the button itself (polite, no alert).
 * Every page: print.css puts the page's address in the bottom margin of each printed page; the
 * address the reader opened replaces the one the build knew (--std-print-url).
 */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise((resolve, reject) => {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      if (ok) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function addPermalinks() {
    const headings = document.querySelectorAll(
      ".std-text h2[id], .std-text h3[id], .std-text h4[id], .std-text h5[id], .std-text h6[id]");
    for (const heading of headings) {
      if (heading.querySelector(":scope > a.headerlink")) continue;
      const link = document.createElement("a");
      link.className = "headerlink";
      link.href = "#" + heading.id;
      link.title = "本条链接";
      link.textContent = "¶";
      heading.insertBefore(link, heading.querySelector(":scope > .lc-clause-feedback"));
    }
  }

  function cssString(text) {
    return '"' + String(text).replace(/[\\"\n\r<>]/g,
      (c) => "\\" + c.charCodeAt(0).toString(16) + " ") + '"';
  }

  function setPrintAddress() {
    document.documentElement.style.setProperty("--std-print-url",
      cssString(location.href.split("#")[0]));
  }

  /* Landing from search (search.js hitUrl: ?hl=words#clause): the clause gets .std-landed and
     the words in it are wrapped in <mark class="std-hl"> (text nodes only, no HTML is parsed).
     The clause is its heading and what follows up to the next heading of the same or a higher
     level. Case and full-width forms are folded when the folding keeps the length. */
  const HL_MAX = 5;
  function clauseNodes(heading) {
    const level = Number(heading.tagName.slice(1));
    const nodes = [heading];
    for (let n = heading.nextElementSibling; n; n = n.nextElementSibling) {
      if (/^H[1-6]$/.test(n.tagName) && Number(n.tagName.slice(1)) <= level) break;
      nodes.push(n);
    }
    return nodes;
  }
  function fold(text) {
    const n = text.normalize("NFKC").toLowerCase();
    return n.length === text.length ? n : text.toLowerCase();
  }
  function markWords(root, words) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.parentElement.closest("mark, a.headerlink, .lc-clause-feedback, script, style")) texts.push(t);
    }
    for (const node of texts) {
      const folded = fold(node.data);
      const spans = [];
      for (const w of words) {
        for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) spans.push([at, at + w.length]);
      }
      if (!spans.length) continue;
      spans.sort((a, b) => a[0] - b[0]);
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const [from, to] of spans) {
        if (from < last) continue;
        frag.append(document.createTextNode(node.data.slice(last, from)));
        const mark = document.createElement("mark");
        mark.className = "std-hl";
        mark.textContent = node.data.slice(from, to);
        frag.append(mark);
        last = to;
      }
      frag.append(document.createTextNode(node.data.slice(last)));
      node.replaceWith(frag);
    }
  }
  function highlightLanding() {
    const hl = new URLSearchParams(location.search).get("hl");
    let id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    if (!hl || !id) return;
    const heading = document.getElementById(id);
    if (!heading || !heading.closest(".std-text") || !/^H[1-6]$/.test(heading.tagName)) return;
    if (heading.classList.contains("std-landed")) return;
    const words = [...new Set(hl.split(/\s+/).map(fold).filter((w) => w.length > 1 || /[^\x00-\x7f]/.test(w)))]
      .slice(0, HL_MAX).sort((a, b) => b.length - a.length);
    heading.classList.add("std-landed");
    for (const node of clauseNodes(heading)) {
      if (node !== heading) node.classList.add("std-landed__body");
      if (words.length) markWords(node, words);
    }
  }

  function init() {
    setPrintAddress();
    highlightLanding();
    addPermalinks();
    for (const button of document.querySelectorAll("button[data-copy-target]")) {
      if (button.dataset.copyReady) continue;
      const target = document.getElementById(button.dataset.copyTarget);
      if (!target) continue;
      button.dataset.copyReady = "1";
      button.hidden = false;
      const label = button.textContent;
      button.addEventListener("click", () => {
        copyText(target.textContent.trim()).then(
          () => { button.textContent = "已复制"; },
          () => { button.textContent = "复制失败，请手动选择"; },
        ).finally(() => {
          window.setTimeout(() => { button.textContent = label; }, 2000);
        });
      });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
