"""Every rule of the registry (hooks/data/rules.yml) has fixtures in tests/rule_fixtures/<id>.yml:
a `bad` corpus that triggers exactly that rule and a `fixed` corpus with no problem at all.

Adding a rule without fixtures fails `test_every_rule_has_fixtures`. A fixture side maps paths
(relative to a throw-away project) to file text, or to {encoding, text} for non-UTF-8 files
({text, repeat: N} writes the text N times: files over a size limit);
`<side>_check` lists extra files passed to the checker (as `check PATH` does); {symlink: TARGET}
makes a symbolic link to TARGET (relative to the project); `<side>_site` names a built site
(written as files of the side) that hooks.check.invariants.check_site verifies. Without a
`standards/framework.yml` the conftest FRAMEWORK is used. Statuses are computed on 2026-11-27.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import FRAMEWORK

from hooks.check.invariants import check_site
from hooks.check.rules import RULES
from hooks.corpus import load_corpus

FIXTURES = Path(__file__).parent / "rule_fixtures"
TODAY = date(2026, 11, 27)


def fixture(rule: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{rule}.yml").read_text(encoding="utf-8"))


def run_side(tmp_path: Path, data: dict, side: str):
    root = tmp_path / side
    (root / "standards").mkdir(parents=True)
    files = data[side]
    if "standards/framework.yml" not in files:
        (root / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict) and "symlink" in content:
            path.symlink_to(root / content["symlink"])
        elif isinstance(content, dict):  # {text, encoding?, repeat?}: other encodings, big files
            raw = content["text"].encode(content.get("encoding", "utf-8"))
            path.write_bytes(raw * content.get("repeat", 1))
        else:
            path.write_text(content, encoding="utf-8")
    extra = [root / p for p in data.get(f"{side}_check", [])]
    corpus = load_corpus(root, today=TODAY, extra=extra)
    if data.get(f"{side}_site"):
        corpus.problems.extend(check_site(root, root / data[f"{side}_site"]))
    return corpus


def test_every_rule_has_fixtures():
    missing = [rule for rule in RULES if not (FIXTURES / f"{rule}.yml").is_file()]
    assert not missing, f"rules without tests/rule_fixtures/<id>.yml: {missing}"


def test_every_fixture_names_a_rule():
    orphans = [p.stem for p in FIXTURES.glob("*.yml") if p.stem not in RULES]
    assert not orphans, f"fixtures for rules that are not in rules.yml: {orphans}"


@pytest.mark.parametrize("rule", sorted(RULES))
def test_bad_fixture_triggers_exactly_its_rule(rule, tmp_path):
    if not (FIXTURES / f"{rule}.yml").is_file():
        pytest.fail(f"no fixtures for rule {rule}: add tests/rule_fixtures/{rule}.yml")
    corpus = run_side(tmp_path, fixture(rule), "bad")
    found = {p.rule for p in corpus.problems}
    assert found == {rule}, "\n".join(p.text() for p in corpus.problems)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_fixed_fixture_passes(rule, tmp_path):
    if not (FIXTURES / f"{rule}.yml").is_file():
        pytest.fail(f"no fixtures for rule {rule}: add tests/rule_fixtures/{rule}.yml")
    corpus = run_side(tmp_path, fixture(rule), "fixed")
    assert corpus.problems == [], "\n".join(p.text() for p in corpus.problems)


def test_every_rule_is_documented_with_examples():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning"), rule.id
        assert rule.title and rule.explanation, rule.id
        assert rule.fixed.strip(), rule.id
        assert rule.id == rule.id.lower() and " " not in rule.id, rule.id
