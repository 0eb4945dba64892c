"""Each domain fact lives once, in hooks/data/facts.yml: levels, statuses (order and keys),
stages, severities and the rules page. Python imports them (hooks.model.facts), the JSON Schema
is filled from them (hooks.check.schema), and search.js receives the status order in
search/meta.json `settings.statuses`."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, standard
from test_search_tokens import NODE, NODE_RUNNER, SEARCH_JS

from hooks.check.schema import SCHEMA_FILE, fill_facts, load_schema, schema_text
from hooks.model import facts
from hooks.model.facts import (
    FACTS_FILE,
    LEVELS,
    SEVERITY,
    STAGES,
    STATUS_KEYS,
    STATUSES,
    load_facts,
    page_url,
)

# Where code, templates and scripts live; data files are keyed tables checked below.
CODE = ("hooks/**/*.py", "hooks/templates/*.html", "docs/assets/js/*.js")
READER = Path("hooks/model/facts.py")  # reads facts.yml, naming sections and keys
GROUPS = {"levels": LEVELS, "statuses": STATUSES, "stages": STAGES,
          "severities": tuple(SEVERITY.values())}


def spelled_out(root: Path) -> list[str]:
    """Files under `root` that spell out a fact instead of taking it from facts.yml: three or
    more names of one group as quoted literals (both, for the two severities), names joined by
    、 or | in one text, a status key such as "in-force", or the rules page's path."""
    found = []
    for pattern in CODE:
        for path in sorted(root.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            where = path.relative_to(root)
            if where == READER:
                continue
            for group, names in GROUPS.items():
                need = min(3, len(names))
                quoted = [n for n in names if re.search(rf"([\"']){re.escape(n)}\1", text)]
                alt = "|".join(map(re.escape, names))
                joined = re.search(rf"(?:{alt})(?:\s*[、|]\s*(?:{alt})){{{need - 1},}}", text)
                if len(quoted) >= need:
                    found.append(f"{where}: {group} as literals {quoted}")
                if joined:
                    found.append(f"{where}: {group} joined “{joined.group()}”")
            # The in-force key stands for the mapping; the other keys (upcoming, replaced,
            # draft…) are also ordinary words for other things (banner kinds, review states).
            key = STATUS_KEYS[facts.STATUS_IN_FORCE]
            if re.search(rf"([\"']){re.escape(key)}\1", text):
                found.append(f"{where}: status key {key!r}")
            if re.search(r"([\"'])" + re.escape(facts.RULES_SRC.removesuffix(".md")) + r"[./]",
                         text):
                found.append(f"{where}: the rules page's path")
    return found


def test_no_fact_is_spelled_out_outside_facts_yml():
    assert spelled_out(REPO) == []


def test_the_scan_finds_old_style_copies(tmp_path):
    """The scan above catches each way the facts used to be repeated (so it can fail)."""
    copies = {
        "hooks/model/standard.py": 'LEVELS = ("国家标准", "行业标准", "地方标准", "团体标准")\n',
        "hooks/derive/lifecycle.py": 'STAGES = ("立项", "起草", "征求意见", "审查", "报批", "发布")\n',
        "hooks/pages/catalogue.py": 'STATUS_KEYS = {STATUS_IN_FORCE: "in-force"}\n',
        "hooks/pages/guide.py": 'RULES_SRC = "guide/rules.md"\nSEVERITY = {"error": "错误", "warning": "警告"}\n',
        "hooks/check/rules.py": 'GUIDE_RULES_PAGE = "guide/rules/"\n',
        "hooks/templates/progress.html": "<p>所处阶段：立项、起草、征求意见、审查、报批、发布。</p>\n",
        "docs/assets/js/search.js": 'const STATUS_RANK = { "现行": 0, "即将实施": 1, "被代替": 2, "废止": 3 };\n',
    }
    for rel, text in copies.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    found = "\n".join(spelled_out(tmp_path))
    for rel in copies:
        assert rel in found, rel
    for what in ("levels", "stages as literals", "stages joined", "statuses", "severities",
                 "'in-force'", "rules page"):
        assert what in found, what


def test_one_name_alone_is_not_a_copy(tmp_path):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "x.py").write_text('if std.status == "现行" or stage == "立项": pass\n',
                                             encoding="utf-8")
    assert spelled_out(tmp_path) == []


# ------------------------------------------------------------------ the facts file and module

def test_constants_come_from_the_facts_file():
    data = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["levels"].values()) == LEVELS
    assert tuple(data["statuses"].values()) == STATUSES
    assert dict(STATUS_KEYS) == {name: key for key, name in data["statuses"].items()}
    assert tuple(data["stages"].values()) == STAGES
    assert dict(SEVERITY) == data["severities"]
    assert data["pages"]["rules"] == facts.RULES_SRC
    assert STAGES[-1] == facts.STAGE_PUBLISHED


def test_old_public_names_are_the_facts():
    from hooks.check.rules import GUIDE_RULES_PAGE, help_url
    from hooks.derive import lifecycle
    from hooks.model import numbers, standard
    from hooks.pages import catalogue, editing, guide

    assert standard.LEVELS is LEVELS and standard.STATUSES is STATUSES
    assert STATUSES[0] == standard.STATUS_IN_FORCE and STATUSES[-1] == standard.STATUS_DRAFT
    assert lifecycle.STAGES is STAGES and STAGES[:-1] == lifecycle.DRAFT_STAGES
    assert lifecycle.CONSULTATION == facts.STAGE_CONSULTATION
    assert (LEVELS[0], LEVELS[-1]) == (numbers.NATIONAL, numbers.INTERNAL)
    assert catalogue.STATUS_KEYS is STATUS_KEYS
    assert catalogue.status_key(STATUSES[0]) == "in-force"
    assert editing.RULES_SRC == guide.RULES_SRC == "guide/rules.md"
    assert GUIDE_RULES_PAGE == "guide/rules/" and help_url("x") == "guide/rules/#x"
    assert guide.SEVERITY is SEVERITY


def test_every_rule_has_a_known_severity():
    from hooks.check.rules import RULES

    assert {rule.severity for rule in RULES.values()} <= set(SEVERITY)


@pytest.mark.parametrize("src, url", [("guide/rules.md", "guide/rules/"), ("index.md", ""),
                                      ("drafts/index.md", "drafts/"), ("a.md", "a/")])
def test_page_url(src, url):
    assert page_url(src) == url


def write_facts(path: Path, **change: object) -> Path:
    data = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8")) | change
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_name_given_twice_or_a_missing_section_is_refused(tmp_path):
    assert load_facts(write_facts(tmp_path / "same.yml")).levels == facts.LEVEL
    with pytest.raises(ValueError, match="names a value twice"):
        load_facts(write_facts(tmp_path / "twice.yml", stages={"a": "立项", "b": "立项"}))
    with pytest.raises(ValueError, match="`pages` must be a non-empty mapping"):
        load_facts(write_facts(tmp_path / "missing.yml", pages=None))


def test_data_tables_keyed_by_a_fact_use_its_names():
    search = json.loads((REPO / "hooks" / "data" / "search.json").read_text(encoding="utf-8"))
    assert set(search["status_bonus"]) <= set(STATUSES)
    platforms = yaml.safe_load((REPO / "hooks" / "data" / "platforms.yml").read_text(encoding="utf-8"))
    assert set(platforms) - {"default"} <= set(LEVELS)


# ------------------------------------------------------------------------------- JSON Schema

def test_schema_enums_are_the_facts():
    props = load_schema()["properties"]
    assert props["level"]["enum"] == list(LEVELS)
    assert props["stage"]["enum"] == list(STAGES)
    assert props["stages"]["propertyNames"]["enum"] == list(STAGES)
    consts = json.dumps(load_schema()["allOf"], ensure_ascii=False)
    assert f'"not": {{"const": "{facts.STAGE_PUBLISHED}"}}' in consts
    assert f'"const": "{facts.STAGE_CONSULTATION}"' in consts
    # The prose of the stage field names the stages in order too.
    assert "、".join(STAGES) in props["stage"]["description"]


def test_fill_facts_overwrites_whatever_the_file_says():
    raw = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    stale = copy.deepcopy(raw)
    stale["properties"]["level"]["enum"] = ["旧层级"]
    stale["properties"]["stages"]["propertyNames"]["enum"] = ["旧阶段"]
    stale["allOf"][1]["if"]["properties"]["stage"]["const"] = "旧阶段"
    assert fill_facts(stale) == fill_facts(copy.deepcopy(raw))


def test_repository_schema_file_is_the_filled_schema():
    """Editors' YAML language servers read this file from the checkout (docs/guide/ci.md)."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "hooks/data/standard.schema.json differs from data/facts.yml: run "
        "python -c 'from hooks.check.schema import write_schema_file; write_schema_file()'")


@pytest.mark.build
def test_published_schema_is_the_filled_schema(shipped_site):
    published = shipped_site.site / "schema" / "standard.schema.json"
    assert published.read_text(encoding="utf-8") == schema_text()


# --------------------------------------------------------------------- the browser (search.js)

TIE = "机关事务 信息公开 指南"


@pytest.fixture(scope="module")
def tie_site(tmp_path_factory):
    """Two standards alike in all but status (and number): 废止 GB/T 10001, 现行 GB/T 10002."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("facts"), {
        "gb-t-10001-2020.md": standard("GB/T 10001—2020", TIE, issued="2020-01-01",
                                       effective="2020-01-01", abolished="2021-01-01"),
        "gb-t-10002-2020.md": standard("GB/T 10002—2020", TIE, issued="2020-01-01",
                                       effective="2020-01-01"),
    })
    result = project.build()
    assert result.returncode == 0, result.output
    return result.site


def search_order(site: Path, tmp_path: Path, statuses: list[str] | None) -> list[str]:
    """Slugs search.js returns for the shared title words, with equal scores (no status bonus)
    and, when given, `statuses` as the order the build sent."""
    copy_dir = tmp_path / "site"
    shutil.copytree(site / "search", copy_dir / "search")
    meta_path = copy_dir / "search" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["settings"]["status_bonus"] = {}
    if statuses is not None:
        meta["settings"]["statuses"] = statuses
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([NODE, str(NODE_RUNNER), str(SEARCH_JS), str(copy_dir)],
                          input=json.dumps({"queries": ["信息公开"]}), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return [r["slug"] for r in json.loads(proc.stdout)["queries"]["信息公开"]]


@pytest.mark.build
def test_meta_settings_carry_the_status_order(tie_site):
    meta = json.loads((tie_site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["settings"]["statuses"] == list(STATUSES)


@pytest.mark.build
def test_search_ranks_ties_in_the_order_the_build_sends(tie_site, tmp_path):
    # As built: 现行 before 废止, although 10001 sorts first by number.
    assert search_order(tie_site, tmp_path / "a", None) == ["gb-t-10002-2020", "gb-t-10001-2020"]
    # The order comes from the data: reversed there, reversed in the results.
    reversed_order = list(reversed(STATUSES))
    assert search_order(tie_site, tmp_path / "b", reversed_order) == [
        "gb-t-10001-2020", "gb-t-10002-2020"]
