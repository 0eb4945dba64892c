"""A fixture corpus for the index pages and exports (catalogue, framework, domains, reviews).

Built on conftest.FRAMEWORK (01 > 01.01; 03 > 03.01, 03.02) and dated for conftest.FIXED_EPOCH
(2026-11-27): review dates sit on both sides of the five-year and twelve-month boundaries.
"""

from __future__ import annotations

from conftest import make_project, standard

TODAY = "2026-11-27"


def _std(number: str, domain: str, issued: str, effective: str, title: str = "", **extra) -> str:
    return standard(number=number, title=title or f"机关事务测试标准 {number}",
                    domain=f'"{domain}"', issued=issued, effective=effective, **extra)


CORPUS = {
    # 01.01: review due exactly five years after 实施: overdue / due today / overdue by one day
    "gb-t-2-2020.md": _std("GB/T 2—2020", "01.01", "2020-01-01", "2020-06-01",
                           title="行业公务用车管理规范", issuer="[国家机关事务管理局, 国家标准化管理委员会]"),
    "gb-t-10-2021.md": _std("GB/T 10—2021", "01.01", "2021-10-01", "2021-11-27",
                            title="重大活动会议服务规范"),
    "gb-t-11-2021.md": _std("GB/T 11—2021", "01.01", "2021-10-01", "2021-11-26",
                            title="公务接待服务规范"),
    # 03 itself: abolished
    "gb-t-3-2010.md": _std("GB/T 3—2010", "03", "2010-01-01", "2010-06-01",
                           abolished="2020-01-01"),
    # 03.01: upcoming; reviewed; due on the last day of the twelve-month window; one day after
    "t-cas-5-2026.md": _std("T/CAS 5—2026", "03.01", "2026-10-01", "2027-01-01"),
    "db31-t-7-2018.md": _std("DB31/T 7—2018", "03.01", "2017-12-01", "2018-01-01",
                             reviewed="2023-01-01"),
    "db31-t-8-2022.md": _std("DB31/T 8—2022", "03.01", "2022-11-01", "2022-11-27"),
    "db31-t-9-2022.md": _std("DB31/T 9—2022", "03.01", "2022-11-01", "2022-11-28"),
    # 03.02: a chain of three editions, and a title a spreadsheet would read as a formula
    "db11-t-100-2010.md": _std("DB11/T 100—2010", "03.02", "2010-03-01", "2010-06-01",
                               title="公务用车标识规范"),
    "db11-t-100-2016.md": _std("DB11/T 100—2016", "03.02", "2016-03-01", "2016-06-01",
                               title="公务用车标识规范", replaces='["DB11/T 100—2010"]'),
    "db11-t-100-2022.md": _std("DB11/T 100—2022", "03.02", "2022-03-01", "2022-06-01",
                               title="公务用车标识规范", replaces='["DB11/T 100-2016"]'),
    "db11-t-200-2020.md": _std("DB11/T 200—2020", "03.02", "2020-11-01", "2020-12-01",
                               title="'=SUM(1,2) 公务用车'"),
}

DOMAIN_OF = {
    "gb-t-2-2020": "01.01", "gb-t-10-2021": "01.01", "gb-t-11-2021": "01.01",
    "gb-t-3-2010": "03", "t-cas-5-2026": "03.01", "db31-t-7-2018": "03.01",
    "db31-t-8-2022": "03.01", "db31-t-9-2022": "03.01", "db11-t-100-2010": "03.02",
    "db11-t-100-2016": "03.02", "db11-t-100-2022": "03.02", "db11-t-200-2020": "03.02",
}
OVERDUE = {"gb-t-2-2020", "gb-t-11-2021", "db11-t-200-2020"}
DUE_SOON = {"gb-t-10-2021", "db11-t-100-2022", "db31-t-8-2022"}


def every_standard_maintained(project) -> None:
    """Drop extra.maintained_issuers from the project's mkdocs.yml: every standard then counts as
    the site's own (hooks.derive.maintained), so the review boundaries above all show."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  maintained_issuers:\n")
    end = text.index("\n", text.index("    - ", start)) + 1
    config.write_text(text[:start] + text[end:], encoding="utf-8")


def build_index_site(tmp_path_factory, name: str = "index"):
    project = make_project(tmp_path_factory.mktemp(name), CORPUS)
    every_standard_maintained(project)
    result = project.build()
    assert result.returncode == 0, result.output
    return project, result
