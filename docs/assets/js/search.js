/*
 * 标准检索 (window.StandardSearch): one engine for the header box and the catalogue page.
 *
 * Indexes are prebuilt by hooks/search/index.py under <site root>/search/:
 *   meta.json   settings (hooks/data/search.json), query dictionary, one row per standard
 *   body/N.json full-text shards: token → clause ids as base-32 gap text (fetched per query token);
 *               body/wB.json the same for a common token's hash bucket B (listed in meta body.own)
 * Snippets: for the top results, each standard's clauses [anchor, heading, text] are read from
 * its own page (standards/<slug>/, which the reader opens next; see pageClauses), or from
 * text/<slug>.json when its meta row says so (offline build; headings the page splits otherwise).
 * On file:// pages (offline build) each file is loaded as a <script> (.js twin) instead.
 * Results carry `reasons` (标准号/标题/关键词/摘要/正文 第 N 条, shown as 命中：…); a result found in
 * its metadata links to the page top, a body-only one to its clause as ?hl=<words>#<clause>, which
 * docs/assets/js/standard.js reads to mark the clause and the words.
 * Nothing is loaded until the reader focuses the search box or a page asks for a query.
 *
 * Tokenisation mirrors hooks/search/tokens.py exactly (tests/data/search_cases.json runs the same
 * cases through both). The catalogue contract is described in docs/assets/js/catalogue.js.
 */
(function () {
  "use strict";

  const DATA_GLOBAL = "StandardSearchData";
  const SCRIPT = document.currentScript;
  const ROOT = (function () {
    const src = SCRIPT && SCRIPT.src ? SCRIPT.src : "";
    const cut = src.search(/assets\/js\/search\.js(?:[?#].*)?$/);
    return cut >= 0 ? src.slice(0, cut) : new URL("./", window.location.href).href;
  })();
  const FILE_MODE = window.location.protocol === "file:";
  const TOP_TEXTS = 12; /* standards whose clause texts are fetched for snippets */
  const DROPDOWN = 8;

  /* ------------------------------------------------------------ loading */

  const cache = new Map();

  function loadScript(name) {
    return new Promise((resolve, reject) => {
      const store = (window[DATA_GLOBAL] = window[DATA_GLOBAL] || {});
      if (name in store) return resolve(store[name]);
      const el = document.createElement("script");
      el.src = ROOT + "search/" + name + ".js";
      el.async = true;
      el.onload = () => (name in store ? resolve(store[name]) : reject(new Error("no data " + name)));
      el.onerror = () => reject(new Error("cannot load " + name));
      document.head.appendChild(el);
    });
  }

  function load(name) {
    if (!cache.has(name)) {
      let promise;
      if (FILE_MODE) promise = loadScript(name);
      else {
        promise = fetch(ROOT + "search/" + encodeURI(name) + ".json").then((res) => {
          if (!res.ok) throw new Error(res.status + " " + name);
          return res.json();
        });
      }
      promise.catch(() => cache.delete(name));
      cache.set(name, promise);
    }
    return cache.get(name);
  }

  /* ------------------------------------------------------------ tokenisation (= search_tokens.py) */

  function escapeClass(chars) {
    return chars.replace(/[\\\]\[^-]/g, "\\$&");
  }

  function makeTokeniser(s) {
    const han = s.han;
    const re = {
      dashes: new RegExp("[" + escapeClass(s.dashes) + "]", "g"),
      separators: new RegExp("[" + escapeClass(s.separators) + "]+"),
      space: /\s+/g,
      hanRun: new RegExp("[" + han + "]+", "g"),
      han: new RegExp("[" + han + "]"),
      pureHan: new RegExp("^[" + han + "]+$"),
      token: new RegExp("[" + han + "]+|[" + s.word_chars + "]+", "g"),
      notNumber: new RegExp("[^" + s.number_chars + han + "]+", "g"),
      numberSpan: new RegExp(s.number_span, "g"),
      inner: /[/.\-]+/,
      digit: /\d/,
      alpha: /^[a-z]+$/,
      codeMarker: new RegExp(s.code_marker || "$^"),
    };

    function normalise(text) {
      return String(text || "").normalize("NFKC").toLowerCase()
        .replace(re.dashes, "-").replace(re.space, " ").trim();
    }
    function compact(text) {
      return normalise(text).replace(re.notNumber, "");
    }
    /* GB/T → gb, DB31/T → db31: the code as readers type it without the marker (tokens.py). */
    function looseCode(code) {
      return compact(normalise(code).replace(re.codeMarker, ""));
    }
    /* gb41568: the pattern reads code gb4156 and number 8; glued to a known code, one number. */
    function glued(span, code, dict) {
      const joined = compact(span);
      if (!span.startsWith(code) || !/\d/.test(span.charAt(code.length))) return false;
      for (const c of dict.codes) if (joined.startsWith(c) && /\d/.test(joined.charAt(c.length))) return true;
      return false;
    }
    function segment(run, dict) {
      const pieces = [];
      let i = 0;
      while (i < run.length) {
        let size = Math.min(dict.longest, run.length - i);
        for (; size > 1; size--) if (dict.words.has(run.slice(i, i + size))) break;
        if (size > 1) {
          pieces.push([run.slice(i, i + size), true]);
          i += size;
        } else {
          const last = pieces[pieces.length - 1];
          if (last && !last[1]) last[0] += run[i];
          else pieces.push([run[i], false]);
          i += 1;
        }
      }
      const words = [];
      for (const [text] of pieces) {
        if (text.length === 1 && words.length) words[words.length - 1] += text;
        else words.push(text);
      }
      if (words.length > 1 && words[0].length === 1) words.splice(0, 2, words[0] + words[1]);
      return words;
    }
    function queryTerms(query, dict) {
      const text = normalise(query);
      if (!text) return [];
      const numbers = [];
      const rest = [];
      let last = 0;
      for (const m of text.matchAll(re.numberSpan)) {
        const code = m[1];
        const num = m[2];
        if (code && (dict.codes.has(compact(code)) || glued(m[0], code, dict))) {
          numbers.push(m[0].trim());
          rest.push(text.slice(last, m.index));
        } else {
          numbers.push(num);
          rest.push(text.slice(last, m.index + m[0].length - num.length));
        }
        last = m.index + m[0].length;
      }
      rest.push(text.slice(last));
      let terms = [];
      for (const piece of rest.join(" ").split(re.separators)) {
        const parts = re.digit.test(piece) ? [piece] : piece.split(re.inner);
        for (const part of parts) {
          if (!part) continue;
          if (re.pureHan.test(part)) terms.push(...segment(part, dict));
          else terms.push(part);
        }
      }
      terms = numbers.concat(terms);
      if (terms.length > 1) {
        const kept = terms.filter((t) => t.length > 1 || !re.alpha.test(t));
        if (kept.length) terms = kept;
      }
      return terms.filter((t, i) => terms.indexOf(t) === i);
    }
    function bodyTokens(text) {
      const out = [];
      for (const m of normalise(text).matchAll(re.token)) {
        const run = m[0];
        if (re.han.test(run[0])) {
          for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
        } else if (run.length >= s.min_word) out.push(run);
      }
      return out;
    }
    function shardOf(token, shards) {
      let h = 0x811c9dc5;
      for (let i = 0; i < token.length; i++) {
        h ^= token.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      return h % shards;
    }
    return {
      normalise, compact, looseCode, segment, queryTerms, bodyTokens, shardOf, re,
      isAlpha: (t) => re.alpha.test(t),
      hasDigit: (t) => re.digit.test(t),
    };
  }

  /* ------------------------------------------------------------ the metadata index */

  function syllables(field) {
    /* "gong wu|yong che" → [{joined, starts, initials}] per text */
    return field ? field.split("|").map((text) => {
      const syl = text.split(" ").filter(Boolean);
      const starts = new Set();
      let joined = "";
      for (const s of syl) {
        starts.add(joined.length);
        joined += s;
      }
      return { joined, starts, initials: syl.map((s) => s[0]).join("") };
    }) : [];
  }

  function prepare(meta) {
    const tk = makeTokeniser(meta.settings);
    const f = {};
    meta.fields.forEach((name, i) => { f[name] = i; });
    let clauseStart = 0;
    const columns = meta.columns; /* one array per field (hooks/search/index.py) */
    const records = (columns[0] || []).map((_, index) => {
      const get = (name) => columns[f[name]][index];
      /* "" where the build left out what the number's parts give (index.py meta_row). */
      const code = get("code"), seq = get("seq"), year = get("year");
      const rec = {
        index,
        slug: get("slug") || (code.toLowerCase() + "-" + seq + "-" + year)
          .replace(/[^a-z0-9.]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, ""),
        number: get("number") || code + " " + seq + (year ? "—" + year : ""), title: get("title"),
        titleEn: get("title_en"), keywords: get("keywords") || [], summary: get("summary"),
        status: get("status"), level: get("level"), domain: get("domain"), top: get("top"),
        year: get("issued_year"), clauses: get("clauses"), firstClause: clauseStart,
        textFile: Boolean(get("text_file")),
      };
      clauseStart += rec.clauses;
      rec.n = {
        title: tk.normalise(rec.title), titleEn: tk.normalise(rec.titleEn),
        keywords: rec.keywords.map((k) => tk.normalise(k)), summary: tk.normalise(rec.summary),
      };
      rec.keys = {
        full: tk.compact(get("code") + get("seq") + get("year")),
        slug: rec.slug.replace(/-/g, ""),
        codeSeq: tk.compact(get("code") + get("seq")),
        seq: get("seq"),
        /* without the /T marker: gb41568 finds GB/T 41568—2022 */
        looseFull: tk.looseCode(get("code")) + tk.compact(get("seq") + get("year")),
        looseCodeSeq: tk.looseCode(get("code")) + tk.compact(get("seq")),
      };
      rec.py = { title: syllables(get("py_title")), keywords: syllables(get("py_keywords")) };
      return rec;
    });
    clauseStart = articleRecords(meta, tk, records, clauseStart);
    const clauseOwner = new Int32Array(clauseStart);
    for (const rec of records) clauseOwner.fill(rec.index, rec.firstClause, rec.firstClause + rec.clauses);
    const words = new Set(meta.words);
    const dict = {
      words, codes: new Set(meta.codes.flatMap((c) => [tk.compact(c), tk.looseCode(c)]).filter(Boolean)),
      longest: Math.max(1, ...meta.words.map((w) => w.length)),
    };
    const own = new Set(decode(meta.body.own || "", meta.settings.posting_digits));
    return { meta, tk, records, clauseOwner, dict, own, settings: meta.settings };
  }

  /* Articles (docs/news/, hooks/search/articles.py): meta.articles rows become records of kind
     "article" after the standards, their clauses after the standards' clauses. They match on
     title, summary and text like a standard, are labelled 文章, rank ARTICLE_PENALTY below an
     equally good standard (scoreOf), and stay out of the catalogue's results (query). */
  const ARTICLE_PENALTY = 50;
  function articleRecords(meta, tk, records, clauseStart) {
    const block = meta.articles;
    if (!block) return clauseStart;
    const f = {};
    block.fields.forEach((name, i) => { f[name] = i; });
    for (const row of block.rows) {
      const get = (name) => row[f[name]];
      const rec = {
        index: records.length, kind: "article", slug: "news/" + get("key"), url: get("url"),
        number: get("category"), category: get("category"), date: get("date"), title: get("title"),
        titleEn: "", keywords: [], summary: get("summary"), status: "", level: "", domain: "",
        top: "", year: get("year"), clauses: get("clauses"), firstClause: clauseStart, textFile: true,
      };
      clauseStart += rec.clauses;
      rec.n = { title: tk.normalise(rec.title), titleEn: "", keywords: [], summary: tk.normalise(rec.summary) };
      rec.keys = { full: "", slug: "", codeSeq: "", seq: "", looseFull: "", looseCodeSeq: "" };
      rec.py = { title: syllables(get("py_title")), keywords: [] };
      records.push(rec);
    }
    return clauseStart;
  }

  let enginePromise = null;
  function engine() {
    if (!enginePromise) {
      enginePromise = load("meta").then(prepare);
      enginePromise.catch(() => { enginePromise = null; });
    }
    return enginePromise;
  }

  /* ------------------------------------------------------------ matching */

  function pinyinMatch(list, term) {
    for (const p of list) {
      let at = p.joined.indexOf(term);
      while (at >= 0) {
        if (p.starts.has(at)) return true;
        at = p.joined.indexOf(term, at + 1);
      }
    }
    return false;
  }

  function initialsMatch(list, term, min) {
    return term.length >= min && list.some((p) => p.initials.includes(term));
  }

  /* Best tier of one term in one record's metadata, with a small within-tier bonus and the
     field it was found in (REASONS: shown as 为何命中). */
  function metaTier(e, rec, term, info) {
    const T = e.settings.tiers;
    if (info.digit && info.compact) {
      const c = info.compact;
      const k = rec.keys;
      if (c === k.full || c === k.slug) return [T.number_exact, 20, "number"];
      if (c === k.looseFull) return [T.number_exact, 15, "number"];
      if (c === k.codeSeq || c === k.seq) return [T.number_seq, 10, "number"];
      if (c === k.looseCodeSeq) return [T.number_seq, 8, "number"];
      if (c.length >= 2 && (k.full.includes(c) || k.slug.includes(c) || k.looseFull.includes(c))) {
        return [T.number_part, k.full.startsWith(c) || k.seq.startsWith(c) ? 5 : 0, "number"];
      }
    }
    const n = rec.n;
    if (n.title.includes(term)) return [T.title, n.title === term ? 20 : n.title.startsWith(term) ? 10 : 5, "title"];
    if (n.titleEn && n.titleEn.includes(term)) return [T.title, 3, "title_en"];
    if (info.alpha) {
      if (pinyinMatch(rec.py.title, term)) return [T.title, 4, "pinyin"];
      if (initialsMatch(rec.py.title, term, e.settings.min_initials)) return [T.title, 2, "pinyin"];
    }
    if (n.keywords.some((k) => k.includes(term))) return [T.meta, n.keywords.includes(term) ? 10 : 5, "keywords"];
    if (info.alpha && (pinyinMatch(rec.py.keywords, term) ||
        initialsMatch(rec.py.keywords, term, e.settings.min_initials))) return [T.meta, 3, "keywords"];
    if (n.summary.includes(term)) return [T.meta, 0, "summary"];
    return [0, 0, ""];
  }

  const REASONS = { number: "标准号", title: "标题", title_en: "英文名称", pinyin: "标题拼音",
    keywords: "关键词", summary: "摘要" };

  /* The fields a result matched in, best first, without repeats: ["number", "title", "body"]. */
  function reasonsOf(tiers) {
    const out = [];
    for (const [, , why] of [...tiers].sort((x, y) => y[0] - x[0])) if (why && !out.includes(why)) out.push(why);
    return out;
  }

  function termInfo(e, term) {
    const digit = e.tk.hasDigit(term);
    return {
      term, digit, alpha: e.tk.isAlpha(term),
      compact: digit ? e.tk.compact(term) : "",
      tokens: e.tk.bodyTokens(term),
    };
  }

  /* A posting list from its text (hooks/search/index.py encode_postings): gaps between clause
     ids as base-32 numbers, lowest digit first; letters 32–63 of settings.posting_digits are
     digits with more to follow. Or, after "~", a bitmap: six ids per letter. */
  let digitValues = null;
  function decode(text, digits) {
    if (!digitValues) {
      digitValues = new Map();
      for (let i = 0; i < digits.length; i++) digitValues.set(digits.charCodeAt(i), i);
    }
    const ids = [];
    if (text.charCodeAt(0) === 126) { /* "~": a bitmap, six clause ids per letter (encode_postings) */
      for (let i = 1; i < text.length; i++) {
        const bits = digitValues.get(text.charCodeAt(i));
        if (bits === undefined) return ids;
        for (let k = 0; k < 6; k++) if (bits >> k & 1) ids.push(6 * (i - 1) + k);
      }
      return ids;
    }
    let current = 0, number = 0, scale = 1;
    for (let i = 0; i < text.length; i++) {
      const digit = digitValues.get(text.charCodeAt(i));
      if (digit === undefined) return ids; /* not an index this script can read */
      if (digit >= 32) { number += (digit - 32) * scale; scale *= 32; continue; }
      current += number + digit * scale;
      ids.push(current);
      number = 0; scale = 1;
    }
    return ids;
  }

  function intersect(a, b) {
    const out = [];
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  /* The index file holding a token's postings: its bucket's own file when a common token owns
     the bucket (meta body.own, hooks/search/index.py body_index), else its hash shard. */
  function bodyFile(e, token, shards) {
    const space = e.meta.body.own_space;
    const bucket = space ? e.tk.shardOf(token, space) : -1;
    return e.own.has(bucket) ? "body/w" + bucket : "body/" + e.tk.shardOf(token, shards);
  }

  /* Clause ids whose text has every token of the term (bigram AND: verified later on text). */
  async function bodyClauses(e, info) {
    const shards = e.meta.body.shards;
    if (!info.tokens.length || !e.meta.body.clauses) return null;
    const lists = await Promise.all(info.tokens.map(async (token) => {
      const shard = await load(bodyFile(e, token, shards));
      return shard[token] ? decode(shard[token], e.settings.posting_digits) : [];
    }));
    lists.sort((a, b) => a.length - b.length);
    return lists.reduce((acc, list) => intersect(acc, list));
  }

  /* Equal scores go in the readers' status order: settings.statuses, written by the build from
     hooks/data/facts.yml (hooks/search/index.py). */
  function statusRank(e, status) {
    const i = (e.settings.statuses || []).indexOf(status);
    return i < 0 ? 9 : i;
  }

  /* Metadata-only pass: synchronous, used for type-ahead before the body shards arrive. */
  function metaPass(e, terms) {
    const infos = terms.map((t) => termInfo(e, t));
    const perRecord = [];
    for (const rec of e.records) {
      const tiers = infos.map((info) => metaTier(e, rec, info.term, info));
      perRecord.push(tiers);
    }
    return { infos, perRecord };
  }

  function scoreOf(e, rec, tiers, phrase) {
    let tierSum = 0;
    let nuance = 0;
    for (const [tier, bonus] of tiers) { tierSum += tier; nuance += bonus; }
    if (phrase && rec.n.title.includes(phrase)) nuance += 15;
    nuance += Math.min(9, Math.max(0, (Number(rec.year) || 2000) - 2000) / 3);
    const penalty = rec.kind === "article" ? ARTICLE_PENALTY : secondary(e, rec) ? e.settings.secondary.penalty : 0;
    return tierSum * 100 + (e.settings.status_bonus[rec.status] || 0) + Math.min(49, nuance) - penalty;
  }

  /* Plans (制定中) and this site's samples (示例) rank one tier below in-force standards that
     match as well: a plan's title hit comes after a standard's keyword hit (settings.secondary). */
  function secondary(e, rec) {
    const s = e.settings.secondary;
    return Boolean(s) && (s.statuses.includes(rec.status) || (Boolean(s.title_mark) && rec.title.includes(s.title_mark)));
  }

  function phraseOf(e, q) {
    return e.tk.normalise(q).replace(/\s+/g, "");
  }

  function rank(e, list) {
    return list.sort((a, b) => b.score - a.score ||
      (statusRank(e, a.status) - statusRank(e, b.status)) ||
      (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  }

  function resultOf(rec, score, clauses, tiers) {
    const res = {
      slug: rec.slug, score, number: rec.number, title: rec.title, status: rec.status,
      level: rec.level, domain: rec.domain, top: rec.top, year: rec.year,
      url: pageUrl(rec.slug), hits: [], clauses: clauses || [],
      reasons: tiers ? reasonsOf(tiers) : [],
    };
    if (rec.kind === "article") Object.assign(res, { kind: "article", url: ROOT + rec.url, category: rec.category, date: rec.date });
    return res;
  }

  /* A clause hit: the page at the clause, with the matched words for standard.js to mark
     (?hl=, at most HL_TERMS words, each up to HL_CHARS characters; the #anchor stays as it is). */
  const HL_TERMS = 5;
  const HL_CHARS = 40;
  function hitUrl(res, clause, terms) {
    if (res.kind !== "article") {
      const hl = (terms || []).filter((t) => t && t.length <= HL_CHARS).slice(0, HL_TERMS).join(" ");
      const url = pageUrl(res.slug);
      return url + (hl && clause ? "?hl=" + encodeURIComponent(hl) : "") + (clause ? "#" + encodeURIComponent(clause) : "");
    }
    return res.url + (clause ? "#" + encodeURIComponent(clause) : "");
  }

  let currentMeta = null;
  function pageUrl(slug, clause) {
    const pattern = currentMeta ? currentMeta.page_url : "standards/{slug}/";
    return ROOT + pattern.replace("{slug}", encodeURIComponent(slug)) + (clause ? "#" + encodeURIComponent(clause) : "");
  }

  function metaResults(e, q) {
    const terms = e.tk.queryTerms(q, e.dict);
    if (!terms.length) return { terms, infos: [], results: [] };
    const { infos, perRecord } = metaPass(e, terms);
    const phrase = phraseOf(e, q);
    const results = [];
    e.records.forEach((rec, i) => {
      const tiers = perRecord[i];
      if (tiers.every(([tier]) => tier > 0)) results.push(resultOf(rec, scoreOf(e, rec, tiers, phrase), null, tiers));
    });
    return { terms, infos, perRecord, results: rank(e, results) };
  }

  async function fullResults(e, q) {
    const first = metaResults(e, q);
    const { terms, infos, perRecord } = first;
    if (!terms.length) return { terms, results: [], bodyUsed: false };
    const T = e.settings.tiers;
    /* A number found exactly needs no full-text pass for that term. */
    const needBody = infos.map((info) => !(info.digit &&
      perRecord.some((tiers) => tiers[infos.indexOf(info)][0] >= T.number_seq)));
    let bodyLists;
    try {
      bodyLists = await Promise.all(infos.map((info, i) => (needBody[i] ? bodyClauses(e, info) : null)));
    } catch (err) {
      bodyLists = infos.map(() => null); /* body index unavailable (e.g. file:// without twins) */
    }
    const byRecord = new Map(); /* index → array per term of clause ids */
    bodyLists.forEach((ids, t) => {
      if (!ids) return;
      for (const id of ids) {
        const owner = e.clauseOwner[id];
        let perTerm = byRecord.get(owner);
        if (!perTerm) byRecord.set(owner, (perTerm = infos.map(() => [])));
        perTerm[t].push(id);
      }
    });
    const phrase = phraseOf(e, q);
    const results = [];
    e.records.forEach((rec, i) => {
      const body = byRecord.get(i);
      const tiers = perRecord[i].map(([tier, bonus, why], t) => {
        if (tier > 0) return [tier, bonus, why];
        if (body && body[t].length) return [T.body, Math.min(9, body[t].length), "body"];
        return [0, 0, ""];
      });
      if (!tiers.every(([tier]) => tier > 0)) return;
      const clauses = body ? [...new Set(body.flat())].sort((a, b) => a - b) : [];
      const needsCheck = perRecord[i].some(([tier]) => tier === 0);
      const res = resultOf(rec, scoreOf(e, rec, tiers, phrase), clauses, tiers);
      res.unverified = needsCheck;
      results.push(res);
    });
    return { terms, infos, results: rank(e, results), bodyUsed: bodyLists.some(Boolean) };
  }

  /* ------------------------------------------------------------ snippets */

  function foldText(text, tk) {
    /* Normalise while keeping positions aligned with the original text (for highlighting):
       NFKC at once when it keeps the length (full-width → ASCII is one to one), else per char. */
    const whole = text.normalize("NFKC");
    if (whole.length === text.length) return whole.toLowerCase().replace(tk.re.dashes, "-");
    let out = "";
    for (const ch of text) {
      const n = tk.normalise(ch);
      out += n.length === ch.length ? n : ch.toLowerCase().padEnd(ch.length, " ").slice(0, ch.length);
    }
    return out;
  }

  /* Snippet edges fall on a boundary: just after punctuation or a space when one is within
     `slack` characters, else never inside a Latin word or number (CJK may break between any two
     characters) nor between the halves of a surrogate pair. */
  const BREAK_AFTER = /[\s。，、；：！？）》」』】〕,.;:!?)\]]/;
  const LATIN = /[A-Za-z0-9\u00c0-\u024f]/;
  function isLow(text, k) {
    const c = text.charCodeAt(k);
    return c >= 0xdc00 && c <= 0xdfff;
  }
  const inWord = (text, k) => k > 0 && k < text.length && LATIN.test(text[k - 1]) && LATIN.test(text[k]);
  function startEdge(text, start, anchor, slack) {
    if (start <= 0) return 0;
    for (let k = start; k > Math.max(0, start - slack); k--) if (BREAK_AFTER.test(text[k - 1])) return k;
    for (let k = start + 1; k <= Math.min(anchor, start + slack); k++) if (BREAK_AFTER.test(text[k - 1])) return k;
    let k = start;
    while (inWord(text, k) && start - k < slack) k--;
    if (!inWord(text, k)) return k;
    k = start;
    while (inWord(text, k) && k < anchor) k++;
    return isLow(text, k) ? k + 1 : k;
  }
  function endEdge(text, end, least, slack) {
    if (end >= text.length) return text.length;
    if (text.length - end <= slack) return text.length;
    for (let k = end; k <= end + slack; k++) if (BREAK_AFTER.test(text[k - 1])) return k;
    let k = end;
    while (inWord(text, k) && k - end < slack) k++;
    if (!inWord(text, k)) return k;
    k = end;
    while (inWord(text, k) && k > least) k--;
    return isLow(text, k) ? k + 1 : k;
  }

  function snippetParts(text, folded, needles, width, slack) {
    let first = -1;
    for (const n of needles) {
      const at = folded.indexOf(n);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    const anchor = first < 0 ? 0 : first;
    slack = slack === undefined ? 10 : slack;
    const start = startEdge(text, Math.max(0, anchor - Math.floor(width / 2)), anchor, slack);
    const end = endEdge(text, Math.min(text.length, start + width * 2), anchor + 1, slack);
    /* (the edges move by at most `slack` characters, never past the first match) */
    const marks = new Array(end - start).fill(false);
    for (const n of needles) {
      if (!n) continue;
      let at = folded.indexOf(n, start);
      while (at >= 0 && at < end) {
        for (let k = at; k < Math.min(end, at + n.length); k++) marks[k - start] = true;
        at = folded.indexOf(n, at + n.length);
      }
    }
    const parts = [];
    if (start > 0) parts.push(["…", false]);
    let buf = "", mark = marks[0];
    for (let k = start; k < end; k++) {
      if (marks[k - start] !== mark) { if (buf) parts.push([buf, mark]); buf = ""; mark = marks[k - start]; }
      buf += text[k];
    }
    if (buf) parts.push([buf, mark]);
    if (end < text.length) parts.push(["…", false]);
    return parts;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function partsHtml(parts) {
    return parts.map(([text, mark]) => (mark ? "<mark>" + escapeHtml(text) + "</mark>" : escapeHtml(text))).join("");
  }

  /* ------------------------------------------------------------ clause texts from the page */

  const HEADING = /^H[1-6]$/;
  const INLINE = new Set(["A", "ABBR", "B", "CITE", "CODE", "DEL", "DFN", "EM", "I", "IMG", "INS",
    "KBD", "MARK", "Q", "S", "SAMP", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U", "VAR", "WBR"]);
  /* Added to headings by the build or by scripts, not part of the heading's text. */
  const HEADING_EXTRAS = "a.headerlink, .lc-clause-feedback";
  /* Put in the text by the build after the index recorded its clauses (the 目次 for phones). */
  const NOT_TEXT = ".std-toc";

  function squash(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function headingText(h) {
    const copy = h.cloneNode(true);
    copy.querySelectorAll(HEADING_EXTRAS).forEach((x) => x.remove());
    return squash(copy.textContent);
  }

  /* Split a standard's rendered text into the clauses of hooks/model/clauses.py (which the
     index numbers, hooks/search/index.py clauses()): every heading starts a clause [its id, its
     text, the text up to the next heading]; text before the first heading is clause "" if there
     is any. Block elements are separated by a space, like lines. tests/data/clause_cases.json
     holds the cases this and the build must agree on (tests/browser/test_clauses_browser.py). */
  function splitClauses(root) {
    const out = [["", "", []]];
    (function walk(node) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) out[out.length - 1][2].push(child.data);
        else if (child.nodeType !== 1 || child.matches(NOT_TEXT)) continue;
        else if (HEADING.test(child.tagName)) out.push([child.id, headingText(child), []]);
        else if (INLINE.has(child.tagName)) walk(child);
        else {
          out[out.length - 1][2].push(" ");
          walk(child);
          out[out.length - 1][2].push(" ");
        }
      }
    })(root);
    const clauses = out.map(([anchor, heading, parts]) => [anchor, heading, squash(parts.join(""))]);
    return clauses[0][2] ? clauses : clauses.slice(1);
  }

  /* The clauses of a standard, from its page (fetched once; the browser keeps it for the click). */
  function pageClauses(rec) {
    const key = "page:" + rec.slug;
    if (!cache.has(key)) {
      const promise = fetch(pageUrl(rec.slug)).then((res) => {
        if (!res.ok) throw new Error(res.status + " " + rec.slug);
        return res.text();
      }).then((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        const text = doc.querySelector(".std-page > .std-text");
        const clauses = text ? splitClauses(text) : [];
        /* A page out of step with the index (e.g. rebuilt since): no snippets rather than wrong ones. */
        if (clauses.length !== rec.clauses) throw new Error("clauses differ " + rec.slug);
        return clauses;
      });
      promise.catch(() => cache.delete(key));
      cache.set(key, promise);
    }
    return cache.get(key);
  }

  function clauseTexts(rec) {
    return rec.textFile ? load("text/" + rec.slug) : pageClauses(rec);
  }

  /* Read the top results' clause texts: drop false bigram matches, attach clause hits. */
  async function attachHits(e, found, limit) {
    const top = found.results.filter((r) => r.clauses.length).slice(0, limit);
    const needles = found.terms.map((t) => e.tk.normalise(t));
    const width = e.settings.snippet_chars;
    await Promise.all(top.map(async (res) => {
      const rec = e.records.find((r) => r.slug === res.slug);
      let text;
      try { text = await clauseTexts(rec); } catch (err) { return; }
      const hits = [];
      const covered = new Set();
      for (const id of res.clauses) {
        const clause = text[id - rec.firstClause];
        if (!clause) continue;
        const [anchor, heading, body] = clause;
        const whole = heading + " " + body;
        const folded = foldText(whole, e.tk);
        const present = needles.filter((n) => folded.includes(n));
        if (!present.length) continue;
        present.forEach((n) => covered.add(n));
        const inBody = foldText(body, e.tk);
        const parts = snippetParts(body, inBody, present, width, e.settings.snippet_slack);
        const inHeading = present.some((n) => foldText(heading, e.tk).includes(n));
        hits.push({
          clause: anchor, heading, url: hitUrl(res, anchor, present), snippet_parts: parts,
          snippet_html: partsHtml(parts),
          /* more of the query first, then a heading that names it, then numbered clauses */
          weight: present.length * 10 + (inHeading ? 5 : 0) + (/^[0-9A-Z]/.test(anchor) ? 1 : 0),
        });
      }
      hits.sort((a, b) => b.weight - a.weight);
      res.hits = hits.slice(0, 3);
      res.verified = true;
      if (res.unverified) {
        const metaTerms = needles.filter((n, t) => found.infos[t] && metaTier(e, rec, n, found.infos[t])[0] > 0);
        res.falsePositive = !needles.every((n) => covered.has(n) || metaTerms.includes(n));
      }
    }));
    found.results = found.results.filter((r) => !r.falsePositive);
    return found;
  }

  /* ------------------------------------------------------------ public API */

  const bases = new Map(); /* q → Promise of found: metadata + full-text postings */
  const fulls = new Map(); /* q → Promise of found with clause hits and snippets */
  const settled = new Map(); /* q → found with hits, once ready */

  function remember(map, key, promise) {
    promise.catch(() => map.delete(key));
    map.set(key, promise);
    if (map.size > 50) map.delete(map.keys().next().value);
    return promise;
  }

  function runBase(key) {
    if (!bases.has(key)) {
      remember(bases, key, engine().then((e) => { currentMeta = e.meta; return fullResults(e, key); }));
    }
    return bases.get(key);
  }

  function run(q) {
    const key = q.trim();
    if (!fulls.has(key)) {
      remember(fulls, key, Promise.all([engine(), runBase(key)]).then(async ([e, found]) => {
        const done = await attachHits(e, { ...found, results: found.results.map((r) => ({ ...r })) }, TOP_TEXTS);
        settled.set(key, done);
        if (settled.size > 50) settled.delete(settled.keys().next().value);
        return done;
      }));
    }
    return fulls.get(key);
  }

  /* The search page (docs/assets/js/search-page.js): the ranked results of the full pass (no
     page fetched), and the clause hits of chosen results (those on screen) on demand. hitsFor
     resolves to copies of `results` that stand (with .hits), leaving out false bigram matches. */
  function base(q) {
    return runBase(q.trim());
  }

  async function hitsFor(q, results) {
    const [e, found] = await Promise.all([engine(), runBase(q.trim())]);
    const copy = { ...found, results: results.map((r) => ({ ...r })) };
    return (await attachHits(e, copy, copy.results.length)).results;
  }

  /* Catalogue contract. Metadata matches rank above full-text-only ones, so when the metadata
     alone finds something it is returned at once (no index shard needed); otherwise the answer
     waits for the full-text postings. Either way, once the full pass and the snippets are ready
     (a few more small files), the catalogue is asked to re-apply and then gets them. */
  const standardsOnly = (results) => results.filter((r) => r.kind !== "article");

  async function query(q) {
    if (!q || !q.trim()) return null;
    const key = q.trim();
    try {
      if (settled.has(key)) return standardsOnly(settled.get(key).results);
      const e = await engine();
      currentMeta = e.meta;
      const quick = standardsOnly(metaResults(e, key).results);
      run(key).then(() => {
        const cat = window.Catalogue;
        if (cat && typeof cat.state === "function" && (cat.state().q || "").trim() === key) cat.refresh();
      }).catch(() => {});
      if (quick.length) return quick;
      return standardsOnly((await runBase(key)).results);
    } catch (err) {
      console.error("StandardSearch", err);
      return null;
    }
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "className") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function snippetNode(parts) {
    const span = el("span", { className: "std-hit__snippet" });
    for (const [text, mark] of parts) span.append(mark ? el("mark", { text }) : document.createTextNode(text));
    return span;
  }

  function hitsList(hits) {
    const list = el("ul", { className: "std-hits" });
    for (const hit of hits) {
      const label = hit.clause && /^[0-9A-Z]/.test(hit.clause) ? hit.clause : "";
      const heading = label && hit.heading.startsWith(label) ? hit.heading.slice(label.length).trim() : hit.heading;
      list.append(el("li", {}, [
        el("a", { href: hit.url, className: "std-hit__clause" }, [
          label ? el("span", { className: "std-hit__no", text: label }) : null,
          document.createTextNode(heading || "正文"),
        ]),
        snippetNode(hit.snippet_parts || []),
      ]));
    }
    return list;
  }

  /* Why a result matched, in words: "标题、正文 第 5.2 条" (res.reasons, best field first). */
  function clauseLabel(hit) {
    if (hit.clause && /^[0-9A-Z]/.test(hit.clause)) return "第 " + hit.clause + " 条";
    return hit.heading ? "“" + hit.heading + "”" : "";
  }
  function whyText(res) {
    return (res.reasons || []).map((why) => {
      if (why !== "body") return REASONS[why] || "";
      const hit = res.hits && res.hits[0];
      return "正文" + (hit && clauseLabel(hit) ? " " + clauseLabel(hit) : "");
    }).filter(Boolean).join("、");
  }
  function whyNode(res) {
    const text = whyText(res);
    return text ? el("span", { className: "std-why", text: "命中：" + text }) : null;
  }
  /* A result found in its metadata opens at the top of the page, not at a clause. */
  function resultHref(res) {
    const hit = res.hits && res.hits[0];
    return hit && (res.reasons || []).every((why) => why === "body") ? hit.url : res.url;
  }

  function renderHits(row, result) {
    for (const old of row.querySelectorAll(".std-hits-cell")) old.remove();
    if (!result) return;
    const cell = row.querySelector(".cat-title") || row.cells[1] || row.cells[0];
    if (!cell) return;
    const why = whyNode(result);
    const hits = result.hits && result.hits.length ? hitsList(result.hits) : null;
    if (why || hits) cell.append(el("div", { className: "std-hits-cell" }, [why, hits]));
  }

  /* ------------------------------------------------------------ zero results: suggestions */

  function editDistance(a, b) {
    if (Math.abs(a.length - b.length) > 2) return 9;
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i]);
    for (let j = 1; j <= b.length; j++) dp[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1,
          dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    }
    return dp[a.length][b.length];
  }

  const FUZZY = [[/zh/g, "z"], [/ch/g, "c"], [/sh/g, "s"], [/ng/g, "n"], [/l/g, "n"], [/[^a-z]/g, ""]];
  function fuzzyPinyin(text) {
    return FUZZY.reduce((acc, [re, to]) => acc.replace(re, to), text);
  }

  function suggestions(e, q) {
    const terms = e.tk.queryTerms(q, e.dict);
    const out = { numbers: [], pinyin: [], fewer: [] };
    const digits = (e.tk.normalise(q).match(/\d+(?:\.\d+)*/g) || []).sort((a, b) => b.length - a.length)[0];
    const standards = e.records.filter((rec) => rec.kind !== "article");
    if (digits) {
      const scored = standards.map((rec) => {
        const seq = rec.keys.seq;
        const d = editDistance(seq, digits);
        const near = Math.abs(Number(seq) - Number(digits));
        return [rec, d <= 1 ? d : near <= 5 ? 1.5 + near / 10 : 9];
      }).filter(([, d]) => d < 9).sort((a, b) => a[1] - b[1]);
      out.numbers = scored.slice(0, 5).map(([rec]) => rec);
    }
    const alpha = e.tk.normalise(q).replace(/[^a-z]/g, "");
    if (alpha.length >= 2 && !digits) {
      const f = fuzzyPinyin(alpha);
      out.pinyin = standards.filter((rec) => rec.py.title.concat(rec.py.keywords)
        .some((p) => fuzzyPinyin(p.joined).includes(f))).slice(0, 5);
    }
    if (terms.length > 1) {
      for (const t of terms) {
        if (t.length < 2) continue; /* "8" or "车" alone finds too much to help */
        const n = metaResults(e, t).results.length;
        if (n) out.fewer.push([t, n]);
      }
    }
    return out;
  }

  function stdLink(rec) {
    return el("a", { href: pageUrl(rec.slug) }, [
      el("span", { className: "std-status", "data-status-text": rec.status, text: rec.status }),
      document.createTextNode(" " + rec.number + " " + rec.title),
    ]);
  }

  /* A query's full results: the search page (search/?q=), or the catalogue's ?q= view when the
     index predates the search page. */
  function searchHref(q) {
    const form = document.querySelector("form[data-search-page]"); /* the header box names it */
    const page = form ? new URL(form.getAttribute("data-search-page"), window.location.href).href
      : ROOT + (currentMeta ? currentMeta.search_url || currentMeta.catalogue_url : "search/");
    return page + "?q=" + encodeURIComponent(q);
  }

  /* The home page's box: with JavaScript it opens the search page too (its action, the
     catalogue's whole table, is for readers without JavaScript). */
  function initPageForms() {
    for (const form of document.querySelectorAll("form.home-search[data-search-page]")) {
      form.addEventListener("submit", (ev) => {
        const input = form.querySelector("input[name=q]");
        const q = input ? input.value.trim() : "";
        if (!q) return;
        ev.preventDefault();
        window.location.href = new URL(form.getAttribute("data-search-page"), window.location.href).href +
          "?q=" + encodeURIComponent(q);
      });
    }
  }

  async function renderEmpty(container, q) {
    container.replaceChildren(el("div", { className: "std-empty" }, [
      el("p", { className: "std-empty__title", text: "没有找到与“" + q + "”相符的标准。" }),
    ]));
    let e;
    try { e = await engine(); } catch (err) { return; }
    const box = container.querySelector(".std-empty");
    if (!box) return;
    const s = suggestions(e, q);
    const section = (title, recs) => el("div", {}, [
      el("p", { text: title }), el("ul", {}, recs.map((rec) => el("li", {}, [stdLink(rec)]))),
    ]);
    if (s.numbers.length) box.append(section("相近的标准号：", s.numbers));
    if (s.pinyin.length) box.append(section("拼音相近的标准：", s.pinyin));
    if (s.fewer.length) {
      box.append(el("p", { text: "减少检索词试试：" }), el("ul", {}, s.fewer.map(([t, n]) =>
        el("li", {}, [el("a", { href: searchHref(t), text: t }), document.createTextNode("（" + n + " 项）")]))));
    }
    box.append(el("p", { className: "std-empty__tips",
      text: "提示：可输入标准号（如 41568 或 GB/T 41568—2022）、名称中的任意词语、拼音全拼（gongwuyongche）或首字母（gwyc）；多个词用空格分开时须同时满足。" }));
  }

  /* ------------------------------------------------------------ header box (type-ahead) */

  function initHeader() {
    const form = document.querySelector("form[data-std-search]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    const input = form.querySelector("input[name=q]");
    const panel = form.querySelector(".std-search__panel");
    const list = form.querySelector("[role=listbox]");
    const status = form.querySelector(".std-search__status");
    const all = form.querySelector(".std-search__all");
    let active = -1;
    let options = [];
    let generation = 0;
    let timer = 0;

    const open = (yes) => {
      panel.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) setActive(-1);
    };
    function setActive(i) {
      options.forEach((opt, k) => opt.setAttribute("aria-selected", k === i ? "true" : "false"));
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function option(res, i) {
      const hit = res.hits && res.hits[0];
      const li = el("li", { role: "option", id: "std-search-opt-" + i, "aria-selected": "false",
        className: "std-search__option", "data-href": resultHref(res), "data-slug": res.slug,
        "data-kind": res.kind || "standard" }, [
        el("span", { className: "std-search__line" }, res.kind === "article" ? [
          el("span", { className: "std-search__kind", text: "文章" }),
          el("span", { className: "std-search__number", text: res.category }),
          el("span", { className: "std-search__title", text: res.title }),
        ] : [
          el("span", { className: "std-status", "data-status-text": res.status, text: res.status }),
          el("span", { className: "std-search__number", text: res.number }),
          el("span", { className: "std-search__title", text: res.title }),
        ]),
      ]);
      const why = whyNode(res);
      if (why) li.append(why);
      if (hit) {
        li.append(el("span", { className: "std-search__hit" }, [
          el("span", { className: "std-hit__no", text: hit.heading || "正文" }), snippetNode(hit.snippet_parts || []),
        ]));
      }
      li.addEventListener("mousedown", (ev) => ev.preventDefault());
      li.addEventListener("click", () => { window.location.href = li.dataset.href; });
      return li;
    }
    function show(q, results, done) {
      options = results.slice(0, DROPDOWN).map(option);
      list.replaceChildren(...options);
      all.href = searchHref(q);
      /* The catalogue lists standards only: its link counts them; articles are counted apart. */
      const articles = results.filter((r) => r.kind === "article").length;
      const standards = results.length - articles;
      all.textContent = standards ? "全部结果（" + standards + " 项）→" : "全部结果 →";
      const found = (standards ? standards + " 项标准" : "") + (standards && articles ? "、" : "") +
        (articles ? articles + " 篇文章" : "");
      status.textContent = results.length ? "找到 " + found + (done ? "" : "，正在检索全文…")
        : (done ? "没有找到相符的标准，按回车查看建议" : "正在检索…");
      setActive(-1);
      open(true);
    }
    async function update() {
      const q = input.value.trim();
      const mine = ++generation;
      if (!q) { open(false); return; }
      let e;
      try { e = await engine(); } catch (err) { status.textContent = "检索索引加载失败"; open(true); return; }
      currentMeta = e.meta;
      if (mine !== generation) return;
      show(q, metaResults(e, q).results, false); /* metadata first: instant */
      const found = await run(q).catch(() => null);
      if (mine !== generation || !found) return;
      show(q, found.results, true);
    }
    input.addEventListener("focus", () => { engine().catch(() => {}); if (input.value.trim()) update(); });
    input.addEventListener("input", () => { window.clearTimeout(timer); timer = window.setTimeout(update, 60); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        if (panel.hidden) update();
        else setActive(options.length ? (active + 1) % options.length : -1);
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        setActive(options.length ? (active <= 0 ? options.length - 1 : active - 1) : -1);
      } else if (ev.key === "Escape") {
        if (!panel.hidden) { ev.preventDefault(); open(false); }
        else if (input.value) { ev.preventDefault(); input.value = ""; }
      } else if (ev.key === "Enter" && active >= 0 && options[active]) {
        ev.preventDefault();
        window.location.href = options[active].dataset.href;
      }
    });
    input.addEventListener("blur", () => window.setTimeout(() => open(false), 150));
    form.addEventListener("submit", (ev) => {
      const q = input.value.trim();
      ev.preventDefault();
      if (q) window.location.href = searchHref(q);
    });
  }

  /* ------------------------------------------------------------ wiring */

  window.StandardSearch = {
    query, renderHits, renderEmpty, base, hitsFor, whyNode, hitsList, resultHref, searchHref, el,
    /* for tests and the benchmark */
    _engine: engine, _run: run, _meta: metaResults, _tokeniser: makeTokeniser, _split: splitClauses,
    _snippet: snippetParts, _decode: decode, _suggest: suggestions, _why: whyText, _href: resultHref,
    root: ROOT,
  };

  /* A page opened with ?q= (the catalogue) will search at once: start loading the index now. */
  if (new URLSearchParams(window.location.search).get("q")) engine().catch(() => {});

  /* The header box shows the query the page was opened with (the catalogue's ?q=). */
  function showQuery() {
    const input = document.querySelector("form[data-std-search] input[name=q]");
    const q = new URLSearchParams(window.location.search).get("q");
    if (input && q && !input.value) input.value = q;
  }

  /* Phones: a catalogue (or the search page) opened with ?q= shows the results in the first screen. The intro is
     hidden and the facets fold behind a 筛选条件 button (search.css, html.std-query; wide
     screens are unchanged); the facets stay open when the URL sets one. */
  function resultsFirst() {
    const form = document.getElementById("catalogue-filters") || document.getElementById("search-form");
    const params = new URLSearchParams(window.location.search);
    if (!form || !(params.get("q") || "").trim() || form.querySelector(".std-filters-toggle")) return;
    const facets = form.querySelector(".cat-filters__facets");
    if (!facets) return;
    facets.id = facets.id || "catalogue-facets";
    const button = el("button", { type: "button", className: "std-filters-toggle idx-button",
      "aria-controls": facets.id, "aria-expanded": "false", text: "筛选条件" });
    const setOpen = (yes) => {
      form.classList.toggle("std-filters-open", yes);
      button.setAttribute("aria-expanded", yes ? "true" : "false");
    };
    button.addEventListener("click", () => setOpen(!form.classList.contains("std-filters-open")));
    facets.before(button);
    setOpen(["domain", "level", "status", "year"].some((k) => (params.get(k) || "").trim()));
    document.documentElement.classList.add("std-query");
  }

  function init() {
    showQuery();
    resultsFirst();
    initHeader();
    initPageForms();
    /* If the catalogue ran before this script defined StandardSearch, re-apply its query. */
    const q = new URLSearchParams(window.location.search).get("q");
    if (q && window.Catalogue && typeof window.Catalogue.refresh === "function") window.Catalogue.refresh();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
