"""Spec §10: `mkdocs build` and `properdocs build` give the same site apart from the generator tag.

The comparison lives in tests/platform_compare.py (also run by .ci/compare-builds).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from conftest import write_file
from platform_compare import CONFIGS, REPO, compare_builds, compare_trees, main

PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
  <meta name="generator" content="{generator}">{tail}
<title>示例</title>
</head>
<body><p>{body}</p></body>
</html>
"""
MKDOCS = "mkdocs-1.6.1, mkdocs-material-9.8.2"
PROPERDOCS = "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"


def page(generator: str = MKDOCS, body: str = "正文", tail: str = "") -> str:
    return PAGE.format(generator=generator, body=body, tail=tail)


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        write_file(root / name, content)
    return root


BASE = {
    "index.html": page(),
    "standards/a/index.html": page(body="标准 A"),
    "sitemap.xml": "<urlset><url><loc>standards/a/</loc></url></urlset>\n",
    "catalogue.xlsx": b"PK\x03\x04\x00\x01binary",
}


@pytest.mark.build
@pytest.mark.parametrize("config", CONFIGS)
def test_mkdocs_and_properdocs_build_the_same_site(config, tmp_path):
    if importlib.util.find_spec("properdocs") is None:
        pytest.skip("properdocs is not installed (requirements.txt)")
    comparison = compare_builds(REPO, tmp_path, (config,))[config]
    assert comparison.identical, "\n".join(comparison.differences + comparison.details)
    # The normalisation did something: the two generators really differ (ProperDocs really ran).
    assert comparison.generators
    assert all("ProperDocs" not in a and "ProperDocs" in b for a, b in comparison.generators)
    for tool in ("mkdocs", "properdocs"):
        assert (tmp_path / tool / Path(config).stem / "index.html").is_file()


def test_only_the_generator_value_may_differ(tmp_path):
    a = tree(tmp_path / "a", BASE)
    b = tree(tmp_path / "b", BASE | {"index.html": page(PROPERDOCS),
                                     "standards/a/index.html": page(PROPERDOCS, body="标准 A")})
    comparison = compare_trees(a, b)
    assert comparison.identical, comparison.differences
    assert comparison.generators == {(f'<meta name="generator" content="{MKDOCS}">',
                                      f'<meta name="generator" content="{PROPERDOCS}">')}
    assert main(["--trees", str(a), str(b)]) == 0


@pytest.mark.parametrize(("name", "changed", "reason"), [
    # the generator differs as allowed, and so does the text: reported
    ("standards/a/index.html", page(PROPERDOCS, body="标准 B"), "differs"),
    # something else on the generator tag's own line
    ("index.html", page(PROPERDOCS, tail="<script>x()</script>"), "differs"),
    # the tag missing, or a second tag
    ("index.html", page().replace(f'  <meta name="generator" content="{MKDOCS}">\n', ""),
     "differs"),
    ("index.html", page(tail=f'\n<meta name="generator" content="{PROPERDOCS}">'), "differs"),
    # not HTML: no normalisation at all
    ("sitemap.xml", "<urlset><url><loc>standards/b/</loc></url></urlset>\n", "differs"),
    ("catalogue.xlsx", b"PK\x03\x04\x00\x02binary", "differs"),
])
def test_any_other_difference_is_reported(tmp_path, capsys, name, changed, reason):
    a = tree(tmp_path / "a", BASE)
    b = tree(tmp_path / "b", BASE | {name: changed})
    comparison = compare_trees(a, b)
    assert comparison.differences == [f"{name}: {reason}"]
    assert main(["--trees", str(a), str(b)]) == 1
    assert f"{name}: {reason}" in capsys.readouterr().out


def test_a_file_in_one_tree_only_is_reported(tmp_path):
    a = tree(tmp_path / "a", BASE | {"feed.xml": "<feed/>\n"})
    b = tree(tmp_path / "b", BASE | {"404.html": page(PROPERDOCS)})
    comparison = compare_trees(a, b)
    assert comparison.differences == [f"404.html: only in {b}", f"feed.xml: only in {a}"]


def test_ci_runs_the_comparison_and_installs_the_readme_packages():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    script = REPO / ".ci" / "compare-builds"
    assert script.stat().st_mode & 0o111, "make .ci/compare-builds executable"
    assert "\n.ci/compare-builds" in run
    assert run.index("ruff check") < run.index("\n.ci/compare-builds") < run.index("pytest")
    # The README's one-line test command names every system package .ci/run installs.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines()
                   if "apt-get install" in line and "python -m pytest" in line)
    packages = set(re.findall(r"need\+=\(([\w.-]+)\)", run)) - {"python3-venv"}
    assert packages == {"chromium", "nodejs", "poppler-utils", "fonts-noto-cjk", "git"}
    installed = set(command.split("apt-get install -y", 1)[1].split("&&", 1)[0].split())
    assert installed == packages
