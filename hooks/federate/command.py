"""`python -m hooks federate federation.yml [-d DIR] [--period 2026H1] [--strict]`.

Exit status: 0 the national site was built (members that failed are listed on stderr, one line
each, and on the site's members page); 1 no site was built (no member has any harvested data,
or the build failed; the previous site is untouched), or with --strict some member failed;
2 federation.yml is wrong (every problem as `path:line: RULE message`) or --period is.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from hooks.check.problems import one_line
from hooks.export.report import Period, PeriodError, parse_period
from hooks.federate.config import ConfigError, load_federation
from hooks.federate.harvest import FAILED, OK, STALE, harvest_all
from hooks.federate.national import build_national
from hooks.federate.site import SiteError, build_site
from hooks.load.framework import load_framework
from hooks.model.dates import build_datetime

DEFAULT_DIR = "site-federation"  # next to federation.yml


def current_period(today: date) -> Period:
    return parse_period(f"{today.year}H{1 if today.month <= 6 else 2}")


def _say(text: str) -> None:
    print(one_line(text), file=sys.stderr)


def cmd_federate(args) -> int:
    config_path = Path(args.config)
    try:
        fed = load_federation(config_path, args.config)
    except ConfigError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 2
    now = build_datetime()
    try:
        period = parse_period(args.period) if args.period else current_period(now.date())
    except PeriodError as exc:
        _say(str(exc))
        return 2
    problems: list = []
    framework = load_framework(fed.framework, str(fed.framework), problems)
    if problems or not framework.roots:
        for p in problems:
            _say(f"{p.path}:{p.line}: {p.rule} {p.message}（{p.hint}）")
        _say(f"全国标准体系文件 {fed.framework} 有误，未构建")
        return 2
    harvests = harvest_all(fed, now)
    nat = build_national(harvests, framework, now.date())
    for line in nat.warnings:
        _say(line)
    counts = {r: sum(1 for h in harvests if h.result == r) for r in (OK, STALE, FAILED)}
    if counts[OK] + counts[STALE] == 0:
        _say("没有任何成员可用（全部收录失败且没有缓存），未构建网站；原网站未改动")
        return 1
    target = Path(args.site_dir) if args.site_dir else config_path.resolve().parent / DEFAULT_DIR
    try:
        files = build_site(nat, target, fed.title, period, now)
    except SiteError as exc:
        _say(str(exc))
        return 1
    print(f"全国汇总完成：{len(harvests)} 个成员（正常 {counts[OK]}，过期 {counts[STALE]}，"
          f"失败 {counts[FAILED]}），{len(nat.entries)} 项标准，{files} 个文件：{target.resolve()}")
    return 1 if args.strict and (counts[STALE] or counts[FAILED]) else 0


def register(sub) -> None:
    parser = sub.add_parser("federate", help="全国汇总：收录各成员网站的 catalogue.json，构建汇总网站")
    parser.add_argument("config", help="汇总配置文件 federation.yml")
    parser.add_argument("-d", "--site-dir", help=f"输出目录（默认配置文件旁的 {DEFAULT_DIR}/）")
    parser.add_argument("--period", help="半年报告的期间，如 2026H1；默认为当前半年")
    parser.add_argument("--strict", action="store_true", help="有成员收录失败（含过期）时以 1 退出")
    parser.set_defaults(func=cmd_federate)
