"""The national site's pages as HTML fragments (Jinja, autoescaped) and its data files.

Pages (relative to the site root): `` (全国标准目录与检索), `member/<slug>/` (one member's standards:
the table that works without JavaScript), `statistics/`, `report/`, `members/`. Every value from
a harvested catalogue is escaped by Jinja here, and by `textContent` in federation.js, which
reads `federation-index.json` (escaped as JSON by json.dumps).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from hooks.export.report import Period, PeriodError
from hooks.federate.harvest import STALE
from hooks.federate.national import UNMATCHED, UNMATCHED_CODE, Entry, National, member_report
from hooks.model.facts import LEVELS, STATUS_KEYS, STATUSES
from hooks.search.tokens import compact, initials, loose_code, normalise, pinyin_syllables, settings

TEMPLATES = Path(__file__).parent / "templates"
INDEX_FILE = "federation-index.json"
REPORT_CSV = "report/report.csv"
SCHEMA_URL = "schema/catalogue.schema.json"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=False, lstrip_blocks=False)
    env.globals["status_key"] = lambda s: STATUS_KEYS.get(s, "other")
    env.filters["stamp"] = lambda d: d.strftime("%Y-%m-%d %H:%M") if isinstance(d, datetime) else ""
    return env


def render(name: str, **context: object) -> str:
    # No blank lines: the fragment is one raw HTML block of a Markdown page.
    html = environment().get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def rel(depth: int, target: str) -> str:
    """`target` (from the site root) as seen from a page `depth` directories down."""
    return "../" * depth + target if (depth or target) else "./"


def member_page(slug: str) -> str:
    return f"member/{slug}/"


# Figures -------------------------------------------------------------------------------------

def _levels(entries: list[Entry]) -> list[str]:
    found = {e.record["level"] for e in entries}
    return [lv for lv in LEVELS if lv in found] + sorted(found - set(LEVELS))


def _domain_label(entry: Entry) -> str:
    return entry.node.top.label if entry.node else UNMATCHED


def _table(rows_of: list[tuple[str, list[Entry]]], heads: list[str], key) -> tuple[list, tuple]:
    rows = []
    totals = Counter()
    for label, entries in rows_of:
        counts = Counter(key(e) for e in entries)
        rows.append((label, [counts.get(h, 0) for h in heads], len(entries)))
        totals.update(counts)
    return rows, ([totals.get(h, 0) for h in heads], sum(totals.values()))


def statistics_context(nat: National) -> dict[str, object]:
    entries = nat.entries
    per_member = [(m.name, m.entries) for m in nat.members]
    levels = _levels(entries)
    tops = [n.label for n in nat.framework.roots]
    if any(e.node is None for e in entries):
        tops.append(UNMATCHED)
    status = list(STATUSES)
    by_status, status_totals = _table(per_member, status, lambda e: e.status)
    by_level, level_totals = _table(per_member, levels, lambda e: e.record["level"])
    by_domain, domain_totals = _table(per_member, tops, _domain_label)
    per_domain = [(t, [e for e in entries if _domain_label(e) == t]) for t in tops]
    domain_status, domain_status_totals = _table(per_domain, status, lambda e: e.status)
    cube = []
    for m in nat.members:
        if m.entries:
            rows, _ = _table([(t, [e for e in m.entries if _domain_label(e) == t]) for t in tops],
                             status, lambda e: e.status)
            cube.append({"name": m.name, "total": len(m.entries), "rows": [r for r in rows if r[2]]})
    return {"statuses": status, "levels": levels, "domains": tops,
            "by_status": by_status, "status_totals": status_totals,
            "by_level": by_level, "level_totals": level_totals,
            "by_domain": by_domain, "domain_totals": domain_totals,
            "domain_status": domain_status, "domain_status_totals": domain_status_totals,
            "cube": cube}


def report_context(nat: National, period: Period) -> dict[str, object]:
    """Each member's half-year figures and the totals; `error` when the period has not begun."""
    rows, figures, totals, as_of = [], [], [], min(period.end, nat.today)
    try:
        for m in nat.members:
            report = member_report(m, period, nat.today)
            figures = report.figures
            rows.append((m.name, m.harvest.result == STALE, [f.count for f in report.figures]))
        totals = [sum(r[2][i] for r in rows) for i in range(len(figures))]
        error = ""
    except PeriodError as exc:
        error = str(exc)
    return {"period": period, "as_of": as_of, "rows": rows, "figures": figures, "totals": totals,
            "error": error}


def report_csv(context: dict[str, object]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["成员", "收录情况", *[f.label for f in context["figures"]]])
    for name, stale, counts in context["rows"]:
        safe = "'" + name if name.startswith(("=", "+", "-", "@")) else name
        writer.writerow([safe, "过期" if stale else "正常", *counts])
    writer.writerow(["合计", "", *context["totals"]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# The search index -----------------------------------------------------------------------------

def _keys(entry: Entry) -> str:
    """Number keys as hooks.search.tokens makes them: exact (`db11t12342020`) and without the
    /T marker (`db1112342020`), so that any spelling of the number finds it."""
    number = entry.std.number
    exact = compact(entry.record["number"])
    loose = loose_code(number.code) + compact(f"{number.seq} {number.year}") if number.seq != "0" else ""
    return exact if not loose or loose == exact else f"{exact} {loose}"


def search_index(nat: National) -> str:
    levels = _levels(nat.entries)
    domains = [{"code": n.code, "name": n.name, "depth": n.depth} for n in nat.nodes]
    rows = []
    for e in nat.entries:
        record = e.record
        text = normalise(" ".join([record["title"], *record["keywords"]]))
        rows.append([e.member, record["number"], record["title"], levels.index(record["level"]),
                     e.node.code if e.node else UNMATCHED_CODE,
                     STATUSES.index(e.status) if e.status in STATUSES else 0,
                     record["url"], _keys(e), text, initials(pinyin_syllables(record["title"])),
                     record["issued"] or ""])
    s = settings()
    data = {
        "version": 1, "date": nat.today.isoformat(),
        "members": [{"name": m.name, "slug": m.slug, "site": m.harvest.member.site_url,
                     "page": member_page(m.slug), "result": m.harvest.result} for m in nat.members],
        "levels": levels, "statuses": list(STATUSES),
        "status_keys": [STATUS_KEYS.get(st, "other") for st in STATUSES],
        "domains": domains, "unmatched": UNMATCHED,
        "settings": {"dashes": s["dashes"], "han": s["han"], "number_chars": s["number_chars"]},
        "rows": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# Page contexts ---------------------------------------------------------------------------------

def catalogue_context(nat: National) -> dict[str, object]:
    entries = nat.entries
    levels = Counter(e.record["level"] for e in entries)
    statuses = Counter(e.status for e in entries)
    counts = Counter()
    for e in entries:
        if e.node:
            counts.update(n.code for n in [*e.node.ancestors, e.node])
    domains = [{"value": n.code, "label": n.label, "depth": n.depth, "count": counts.get(n.code, 0)}
               for n in nat.nodes]
    unmatched = sum(1 for e in entries if e.node is None)
    if unmatched:
        domains.append({"value": UNMATCHED_CODE, "label": UNMATCHED, "depth": 0, "count": unmatched})
    return {"total": len(entries), "today": nat.today.isoformat(),
            "levels": [(lv, levels[lv]) for lv in _levels(entries)],
            "statuses": [(st, statuses.get(st, 0)) for st in STATUSES],
            "domains": domains}
