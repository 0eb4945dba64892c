"""A fixture corpus for the search tests: every query kind has one expected standard."""

from __future__ import annotations

from pathlib import Path

from conftest import BuildResult, make_project, standard

VEHICLE_BODY = """
## 前言

本文件按照GB/T 1.1—2020的规定起草。

## 1 范围

本文件规定了公务用车调度服务的要求。

## 3 术语和定义

### 3.1 派车单 dispatch order

记载用车事由、时间和车辆的单据。

## 5 管理要求

### 5.2 车辆调度

调度员应核对用车申请，优先保障机要通信和应急用车，并在派车单上记录里程。

### 5.3 驾驶员管理

驾驶员应遵守安全行车规定，<script>不执行</script>，限速 < 60 且 & "引号"。
"""

OLD_VEHICLE_BODY = """
## 5 管理要求

### 5.2 车辆调度

调度员应核对用车申请。
"""

CORPUS = {
    "gb-t-41568-2022.md": standard(
        keywords="[机关事务, 术语]", summary="界定机关事务管理的基本术语和定义。",
        title_en='"Terminology of government offices administration"'),
    "db12-t-994-2020.md": standard(
        number="DB12/T 994—2020", title="党政机关办公用房管理规范", domain='"03.01"',
        issued="2020-09-01", effective="2020-10-01", keywords="[办公用房, 权属登记]",
        summary="规定办公用房的配置、使用和处置。"),
    "sljg-001-2024.md": standard(
        number="SLJG 001—2024", title="公务用车调度服务规范", domain='"03.02"', level="单位内部标准",
        issued="2024-01-01", effective="2024-03-01", replaces='["SLJG 001—2020"]',
        keywords="[公务用车, 派车单]", body=VEHICLE_BODY),
    "sljg-001-2020.md": standard(
        number="SLJG 001—2020", title="公务用车调度服务规范", domain='"03.02"', level="单位内部标准",
        issued="2020-01-01", effective="2020-03-01", keywords="[公务用车]", body=OLD_VEHICLE_BODY),
    "db31-t-50-2015.md": standard(
        number="DB31/T 50—2015", title="公务用车标识管理办法", domain='"03.02"',
        issued="2015-01-01", effective="2015-02-01", abolished="2020-01-01"),
    "db42-t-100-2021.md": standard(
        number="DB42/T 100—2021", title="机关事务行业重大活动服务保障规范", domain='"01"',
        issued="2021-05-01", effective="2021-06-01", keywords="[会务保障]"),
}

# query → slug expected among the first three results (first, where the value says "first").
EXPECTED = {
    "41568": ("gb-t-41568-2022", "first"),
    "GB/T41568-2022": ("gb-t-41568-2022", "first"),
    "gb-t-41568-2022": ("gb-t-41568-2022", "first"),
    "ＧＢ／Ｔ　４１５６８—２０２２": ("gb-t-41568-2022", "first"),
    "994": ("db12-t-994-2020", "first"),
    "用房": ("db12-t-994-2020", "first"),
    "办公用房 管理": ("db12-t-994-2020", "first"),
    "gongwuyongche": ("sljg-001-2024", "first"),
    "gongwu yongche": ("sljg-001-2024", "first"),
    "gwyc": ("sljg-001-2024", "first"),
    "hangye": ("db42-t-100-2021", "first"),
    "zhongda": ("db42-t-100-2021", "first"),
    "terminology": ("gb-t-41568-2022", "first"),
    "TERMINOLOGY OF": ("gb-t-41568-2022", "first"),
    "权属登记": ("db12-t-994-2020", "first"),
    "机要通信": ("sljg-001-2024", "first"),
    "里程": ("sljg-001-2024", "first"),
}


def build_fixture(dest: Path, offline: bool = False) -> BuildResult:
    project = make_project(dest, CORPUS)
    if offline:
        result = project.build("-f", "mkdocs-offline.yml", site=dest / "site-offline")
    else:
        result = project.build()
    assert result.returncode == 0, result.output
    return result
