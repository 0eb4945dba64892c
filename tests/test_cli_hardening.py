"""Issue 14 — paths, whole-corpus invariants, and no traceback reaching a user.

Hostile inputs of three classes, each asserted to give its rule id (or a safe outcome) and never
a traceback:

- paths: files and links in and around `standards/` (hooks/check/paths.py);
- never publish less: an empty framework, a site missing a page (hooks/check/invariants.py);
- the command line: unwritable targets, Ctrl-C before and after the swap, a malformed
  SOURCE_DATE_EPOCH, CI log injection through the text output (hooks/cli/main.py, safe_build.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXED_EPOCH, FRAMEWORK, REPO, make_project, standard, write_file

from hooks.check import invariants
from hooks.check.paths import list_standards
from hooks.check.problems import Problem, format_text
from hooks.cli import main as cli
from hooks.cli import safe_build
from hooks.corpus import load_corpus

GOOD = standard(number="GB/T 1—2020")
BAD = standard(number="GB/T 3—2020", issued="2024/1/1")  # date-format


write = write_file


def corpus_project(root: Path, standards: dict[str, str] | None = None,
                   framework: str | None = FRAMEWORK) -> Path:
    """A bare corpus (no site code): enough for `check` and for load_corpus."""
    (root / "standards").mkdir(parents=True, exist_ok=True)
    if framework is not None:
        write(root / "standards" / "framework.yml", framework)
    for name, text in (standards or {}).items():
        write(root / "standards" / name, text)
    return root


def run_hooks(root: Path, *args: str, env: dict | None = None,
              cwd: Path | None = None) -> subprocess.CompletedProcess:
    environ = os.environ | {"SOURCE_DATE_EPOCH": str(FIXED_EPOCH), "NO_MKDOCS_2_WARNING": "1",
                            "PYTHONPATH": str(REPO)}  # the code, from any working directory
    environ.pop("HOOKS_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "hooks", "--root", str(root), *args],
                          cwd=cwd or root, env=environ | (env or {}), capture_output=True,
                          text=True, check=False)


def no_traceback(result: subprocess.CompletedProcess | str) -> str:
    output = result if isinstance(result, str) else result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "（）" not in output, output  # an interruption message never has empty brackets
    return output


def rules_of(corpus) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for p in corpus.problems:
        found.setdefault(p.path, set()).add(p.rule)
    return found


# --- paths: what in standards/ is a standard, and what is named in a message -------------------

HOSTILE = Path(__file__).parent / "hostile" / "paths"
CASES: dict[str, dict] = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
SECRET = "SECRET-7f3a9c"  # in a file outside the project that a link in standards/ points to


def _make(standards: Path, name: str, case: dict) -> None:
    path, make = standards / name, case.get("make", "copy")
    if make == "copy":
        source = HOSTILE / "standards" / name
        if source.is_dir():
            shutil.copytree(source, path)
        else:
            shutil.copy(source, path)
    elif make == "symlink":
        path.symlink_to(case["target"])
    elif make == "fifo":
        os.mkfifo(path)
    elif make == "dir":
        path.mkdir()
    else:
        write(path, case["text"])


def test_every_hostile_path_file_is_a_case():
    data = {p.name for p in (HOSTILE / "standards").iterdir()}
    copied = {name for name, case in CASES.items() if case.get("make", "copy") == "copy"}
    assert data == copied
    assert len(CASES) >= 20


@pytest.fixture
def stray_corpus(tmp_path):
    root = corpus_project(tmp_path / "p")
    write(root / "docs" / "index.md", "# 首页\n")
    write(tmp_path / "secret.md", standard(number="GB/T 7—2020", title=SECRET))
    for name, case in CASES.items():
        _make(root / "standards", name, case)
    return root


def test_every_stray_in_standards_is_named_with_its_rule(stray_corpus):
    corpus = load_corpus(stray_corpus)
    found: dict[str, set[tuple[str, int]]] = {}
    for p in corpus.problems:
        found.setdefault(p.path, set()).add((p.rule, p.line))
    for name, case in CASES.items():
        got = found.get(f"standards/{name}")
        if case.get("accept"):
            assert got is None, (name, case["what"], got)
        else:
            assert got == {(case["rule"], 1)}, (name, case["what"], got)
    assert sorted(found) == sorted(f"standards/{n}" for n, c in CASES.items() if not c.get("accept"))
    standards = sorted(f"standards/{n}" for n, c in CASES.items() if c.get("standard"))
    assert sorted(s.path for s in corpus.standards) == standards == corpus.files


def test_strays_are_one_line_each_in_check_and_fail_it(stray_corpus):
    result = run_hooks(stray_corpus, "check")
    no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == sum(1 for c in CASES.values() if not c.get("accept"))
    for name, case in CASES.items():
        if not case.get("accept"):
            assert any(line.startswith(f"standards/{name}:1: {case['rule']} ") for line in lines), name
    assert "检查未通过：1 个文件" in result.stderr
    assert SECRET not in result.stdout + result.stderr  # a link's target is never read
    verbose = run_hooks(stray_corpus, "check", "--verbose")  # shows source lines: never a link's
    no_traceback(verbose)
    assert SECRET not in verbose.stdout + verbose.stderr


def test_a_stray_corpus_never_builds(project_factory, tmp_path):
    """The build stops before MkDocs writes anything; every stray is in its log; nothing a link
    points to is published."""
    project = project_factory()
    write(project.root.parent / "secret.md", standard(number="GB/T 7—2020", title=SECRET))
    for name, case in CASES.items():
        _make(project.root / "standards", name, case)
    result = project.build()
    no_traceback(result.output)
    assert result.returncode != 0
    for name, case in CASES.items():
        if not case.get("accept") and case["rule"] != "file-unexpected":  # warnings: info only
            assert f"standards/{name}:1: {case['rule']} " in result.output, name
    assert not result.site.exists()


def test_readme_with_front_matter_is_checked_as_a_standard(tmp_path):
    root = corpus_project(tmp_path, {"README.md": GOOD})
    corpus = load_corpus(root)
    assert rules_of(corpus) == {"standards/README.md": {"file-name"}}


def test_a_standard_in_a_subdirectory_is_named(tmp_path):
    root = corpus_project(tmp_path, {"地方标准/db11-t-1-2020.md": GOOD})
    problems = list_standards(root / "standards", lambda p: f"standards/{p.name}").problems
    assert [(p.path, p.rule) for p in problems] == [("standards/地方标准", "standards-subdir")]
    assert "db11-t-1-2020.md" in problems[0].message


def test_check_of_a_file_outside_the_repository_is_refused(tmp_path):
    root = corpus_project(tmp_path / "repo", {"gb-t-1-2020.md": GOOD})
    outside = write(tmp_path / "elsewhere" / "gb-t-3-2020.md", BAD)
    result = run_hooks(root, "check", str(outside))
    no_traceback(result)
    assert result.returncode == 2
    assert "检查通过" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and ":1: path-outside " in lines[0], lines
    github = run_hooks(root, "check", "--format", "github", str(outside))
    assert github.returncode == 2 and github.stdout.startswith("::error file=")
    assert "title=path-outside::" in github.stdout


def test_check_through_a_link_into_the_repository_reports_the_errors(tmp_path):
    root = corpus_project(tmp_path / "repo", {"gb-t-3-2020.md": BAD})
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    result = run_hooks(root, "check", str(link / "standards" / "gb-t-3-2020.md"), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert "standards/gb-t-3-2020.md:5: date-format" in result.stdout
    assert "检查通过" not in result.stderr


def test_check_of_a_link_in_standards_to_outside_is_refused(tmp_path):
    root = corpus_project(tmp_path / "repo", {"gb-t-1-2020.md": GOOD})
    target = write(tmp_path / "private" / "gb-t-3-2020.md", BAD)
    (root / "standards" / "gb-t-3-2020.md").symlink_to(target)
    one = run_hooks(root, "check", "standards/gb-t-3-2020.md")
    no_traceback(one)
    assert one.returncode == 2 and "path-outside" in one.stdout and "检查通过" not in one.stderr
    whole = run_hooks(root, "check")
    assert whole.returncode == 1
    assert "standards/gb-t-3-2020.md:1: path-symlink" in whole.stdout
    assert "date-format" not in whole.stdout  # the linked file is never read


def test_check_of_a_pipe_is_refused_without_opening_it(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD})
    os.mkfifo(root / "gb-t-9-2020.md")  # opening it for reading would block for ever
    result = run_hooks(root, "check", "gb-t-9-2020.md")
    no_traceback(result)
    assert result.returncode == 2 and "不是普通文件" in result.stderr


def test_check_of_the_standards_directory_names_its_strays(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD, "gb-t-2-2020.MD": GOOD})
    result = run_hooks(root, "check", "standards")
    assert result.returncode == 1
    assert "standards/gb-t-2-2020.MD:1: file-extension" in result.stdout


def test_a_file_named_like_a_workflow_command_is_printed_safely(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD})
    write(root / "::error::pwned.md", BAD)
    result = run_hooks(root, "check", "::error::pwned.md")
    no_traceback(result)
    assert result.returncode == 1
    assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")]
    assert "./::error::pwned.md:" in result.stdout


def test_a_link_in_standards_is_never_published(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD})
    secret = write(project.root.parent / "secret" / "gb-t-3-2020.md",
                   standard(number="GB/T 3—2020", title="外部机密文件"))
    (project.root / "standards" / "gb-t-3-2020.md").symlink_to(secret)
    result = project.build()
    no_traceback(result.output)
    assert result.returncode != 0
    assert "standards/gb-t-3-2020.md:1: path-symlink" in result.output
    assert not result.site.exists() or "外部机密文件" not in "".join(
        p.read_text("utf-8", "replace") for p in result.site.rglob("*.html"))


# --- never publish less -----------------------------------------------------------------------

@pytest.mark.parametrize("framework", ["[]\n", "", "# 只有注释\n", "\n\n"])
def test_a_framework_without_nodes_fails_check_for_every_path(tmp_path, framework):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD}, framework=framework)
    corpus = load_corpus(root)
    assert "framework-empty" in {p.rule for p in corpus.errors}, [p.text() for p in corpus.problems]
    whole = run_hooks(root, "check")
    no_traceback(whole)
    assert whole.returncode == 1 and "standards/framework.yml:1: framework-empty" in whole.stdout
    assert "1 个文件" in whole.stderr  # files are counted, not standards
    one = run_hooks(root, "check", "standards/gb-t-1-2020.md")  # shown whatever PATH is
    assert one.returncode == 1 and "framework-empty" in one.stdout


def test_a_list_only_framework_fails_check(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD}, framework="- 通用基础\n- 资产管理\n")
    result = run_hooks(root, "check")
    no_traceback(result)
    assert result.returncode == 1


def test_an_empty_corpus_with_an_empty_framework_passes(tmp_path):
    root = corpus_project(tmp_path, framework="[]\n")
    assert load_corpus(root).problems == []


def test_an_empty_framework_never_replaces_the_site(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD})
    first = run_hooks(project.root, "build", "--no-strict")
    assert first.returncode == 0, first.stderr
    page = project.root / "site" / "standards" / "gb-t-1-2020" / "index.html"
    before = page.read_bytes()
    project.write("standards/framework.yml", "[]\n")
    second = run_hooks(project.root, "build", "--no-strict")
    no_traceback(second)
    assert second.returncode != 0
    assert "framework-empty" in second.stdout + second.stderr
    assert "原网站未改动" in second.stderr
    assert page.read_bytes() == before
    direct = project.build(site=project.root / "direct")
    assert direct.returncode != 0 and "framework-empty" in direct.output
    assert not (project.root / "direct").exists()  # stopped before MkDocs cleaned site_dir


def _site(root: Path, slugs: list[str], catalogue: list[str] | None = None,
          directory_urls: bool = True) -> Path:
    site = root / "site"
    for slug in slugs:
        page = f"standards/{slug}/index.html" if directory_urls else f"standards/{slug}.html"
        write(site / page, "<p>x</p>")
    rows = [{"slug": s} for s in (slugs if catalogue is None else catalogue)]
    write(site / "catalogue.json", json.dumps({"standards": rows}))
    return site


def test_check_site_names_each_standard_without_its_page_or_row(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD,
                                     "gb-t-2-2020.md": standard(number="GB/T 2—2020"),
                                     "gb-t-3-2020.md": standard(number="GB/T 3—2020")})
    site = _site(root, ["gb-t-1-2020", "gb-t-2-2020"], catalogue=["gb-t-1-2020", "gb-t-3-2020"])
    problems = invariants.check_site(root, site)
    assert [(p.path, p.rule) for p in problems] == [
        ("standards/gb-t-2-2020.md", "standard-unpublished"),
        ("standards/gb-t-3-2020.md", "standard-unpublished")]
    assert "catalogue.json" in problems[0].message and "页面" in problems[1].message
    assert all(p.is_error for p in problems)


def test_check_site_knows_both_url_styles(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD})
    offline = _site(root, ["gb-t-1-2020"], directory_urls=False)
    assert invariants.check_site(root, offline) == []
    assert invariants.check_site(root, offline, directory_urls=False) == []
    assert [p.rule for p in invariants.check_site(root, offline, directory_urls=True)] == [
        "standard-unpublished"]


def test_check_site_with_a_broken_catalogue(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD})
    site = _site(root, ["gb-t-1-2020"])
    write(site / "catalogue.json", "{not json")
    assert [p.rule for p in invariants.check_site(root, site)] == ["standard-unpublished"]


DROP_PAGE = """\
from pathlib import Path

def on_post_build(config):
    (Path(config.site_dir) / "standards" / "gb-t-2-2020" / "index.html").unlink()
"""


def _with_hook(project, before_events: bool) -> None:
    project.write("drop_page.py", DROP_PAGE)
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    line = "  - hooks/events.py\n"
    new = f"  - drop_page.py\n{line}" if before_events else f"{line}  - drop_page.py\n"
    project.write("mkdocs.yml", config.replace(line, new, 1))


def test_a_build_that_lost_a_page_fails_in_mkdocs(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD,
                               "gb-t-2-2020.md": standard(number="GB/T 2—2020")})
    _with_hook(project, before_events=True)  # the page is gone before the invariant looks
    result = project.build()
    no_traceback(result.output)
    assert result.returncode != 0
    assert "standards/gb-t-2-2020.md:1: standard-unpublished" in result.output


def test_safe_build_never_swaps_in_a_site_that_lost_a_page(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD,
                               "gb-t-2-2020.md": standard(number="GB/T 2—2020")})
    first = run_hooks(project.root, "build", "--no-strict")
    assert first.returncode == 0, first.stderr
    before = sorted(p.relative_to(project.root).as_posix()
                    for p in (project.root / "site").rglob("*"))
    _with_hook(project, before_events=False)  # MkDocs' own check passes; safe_build's catches it
    result = run_hooks(project.root, "build", "--no-strict")
    no_traceback(result)
    assert result.returncode == 1
    assert "standards/gb-t-2-2020.md:1: standard-unpublished" in result.stderr
    assert "原网站未改动" in result.stderr
    assert sorted(p.relative_to(project.root).as_posix()
                  for p in (project.root / "site").rglob("*")) == before
    assert not [p for p in project.root.iterdir() if p.name.startswith(".site-")]


# --- no traceback reaches a user --------------------------------------------------------------

class FakeMkDocs:
    """Stands in for the MkDocs child: writes a complete site for the corpus into `-d`."""

    def __init__(self, args, **kwargs):
        self.site = Path(args[args.index("-d") + 1])
        self.root = Path(kwargs["cwd"])
        self.returncode: int | None = None

    def wait(self, timeout=None):
        if self.returncode is not None:
            return self.returncode
        slugs = [p.stem for p in (self.root / "standards").glob("*.md")]
        _site_into(self.site, slugs)
        if FakeMkDocs.hook is not None:
            FakeMkDocs.hook()
        self.returncode = 0
        return 0

    def poll(self):
        return self.returncode

    def terminate(self):
        self.returncode = -15

    kill = terminate
    hook = None


def _site_into(site: Path, slugs: list[str]) -> None:
    for slug in slugs:
        write(site / "standards" / slug / "index.html", f"<p>{slug}</p>")
    write(site / "catalogue.json", json.dumps({"standards": [{"slug": s} for s in slugs]}))


@pytest.fixture
def fake_build(tmp_path, monkeypatch):
    root = corpus_project(tmp_path / "p", {"gb-t-1-2020.md": GOOD})
    _site_into(root / "site", ["old"])
    real_popen = subprocess.Popen  # still used by ctypes.util.find_library (ldconfig)
    monkeypatch.setattr(safe_build.subprocess, "Popen",
                        lambda args, **kw: (FakeMkDocs(args, **kw) if "mkdocs" in args
                                            else real_popen(args, **kw)))
    monkeypatch.setattr(FakeMkDocs, "hook", None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    monkeypatch.delenv("HOOKS_DEBUG", raising=False)
    return root


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    no_traceback(err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_ctrl_c_right_after_the_swap_says_the_new_site_is_in_place(fake_build, monkeypatch, capsys):
    real_swap = safe_build._swap

    def swap_then_ctrl_c(new, target):
        old = real_swap(new, target)
        signal.raise_signal(signal.SIGINT)  # Ctrl-C now: held back until the swap is recorded
        return old

    monkeypatch.setattr(safe_build, "_swap", swap_then_ctrl_c)
    code = cli.main(["--root", str(fake_build), "build"])
    line = _one_line(capsys)
    assert code == 130
    assert line == f"构建被中断（Ctrl-C），新网站已就位：{(fake_build / 'site').resolve()}"
    assert (fake_build / "site" / "standards" / "gb-t-1-2020" / "index.html").is_file()
    assert not (fake_build / "site" / "standards" / "old").exists()
    assert sorted(p.name for p in fake_build.iterdir()) == ["site", "standards"]


@pytest.mark.parametrize(("exc", "reason"), [(KeyboardInterrupt(), "Ctrl-C"),
                                             (safe_build.Interrupted("SIGTERM"), "收到信号 SIGTERM"),
                                             (safe_build.Interrupted(""), "Ctrl-C")])
def test_an_interruption_before_the_swap_says_the_old_site_is_untouched(fake_build, monkeypatch,
                                                                          capsys, exc, reason):
    def interrupt():
        raise exc

    monkeypatch.setattr(FakeMkDocs, "hook", staticmethod(interrupt))
    code = cli.main(["--root", str(fake_build), "build"])
    assert code == 130
    site = (fake_build / "site").resolve()
    assert _one_line(capsys) == f"构建被中断（{reason}），原网站未改动：{site}"
    assert (fake_build / "site" / "standards" / "old" / "index.html").is_file()
    assert sorted(p.name for p in fake_build.iterdir()) == ["site", "standards"]


def test_an_unwritable_target_is_one_line(fake_build, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(safe_build.tempfile, "mkdtemp", refuse)
    target = (fake_build / "ro" / "site").resolve()
    code = cli.main(["--root", str(fake_build), "build", "-d", str(target)])
    assert code == 1
    assert _one_line(capsys) == (f"无法写入 {target.parent}：权限不足；"
                                 "请换一个输出目录（-d）或检查权限")


def test_a_target_under_a_file_is_one_line(fake_build, capsys):
    blocker = write(fake_build / "blocker", "a file").resolve()
    code = cli.main(["--root", str(fake_build), "build", "-d", str(blocker / "site")])
    assert code == 1
    line = _one_line(capsys)
    assert line.startswith(f"无法写入 {blocker}") and "-d" in line
    code = cli.main(["--root", str(fake_build), "build", "-d", str(blocker)])
    assert code == 1 and "不是目录" in _one_line(capsys)


def test_an_unreadable_file_is_one_line_from_main(monkeypatch, capsys, tmp_path):
    def unreadable(args):
        raise PermissionError(13, "Permission denied", str(tmp_path / "standards" / "x.md"))

    monkeypatch.delenv("HOOKS_DEBUG", raising=False)
    monkeypatch.setattr(cli, "cmd_check", unreadable)
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    assert "权限不足" in _one_line(capsys)


def test_an_internal_error_is_one_line_unless_debugging(monkeypatch, capsys, tmp_path):
    def broken(args):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "cmd_check", broken)
    monkeypatch.delenv("HOOKS_DEBUG", raising=False)
    assert cli.main(["--root", str(tmp_path), "check"]) == 70
    line = _one_line(capsys)
    assert "内部错误" in line and "boom" in line and "HOOKS_DEBUG=1" in line
    monkeypatch.setenv("HOOKS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["--root", str(tmp_path), "check"])


def test_ctrl_c_in_another_command_is_one_line(monkeypatch, capsys, tmp_path):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.delenv("HOOKS_DEBUG", raising=False)
    monkeypatch.setattr(cli, "cmd_check", interrupted)
    assert cli.main(["--root", str(tmp_path), "check"]) == 130
    assert "网站目录未改动" in _one_line(capsys)


@pytest.mark.parametrize("epoch", ["abc", "1e9", "-5", "1795752000.5", "99999999999999",
                                   "１７９５７５２０００", "1795752000\n::error::injected"])
def test_a_malformed_source_date_epoch_is_one_line(tmp_path, epoch):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD})
    for command in (["check"], ["build"]):
        result = run_hooks(root, *command, env={"SOURCE_DATE_EPOCH": epoch})
        no_traceback(result)
        assert result.returncode == 2, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "SOURCE_DATE_EPOCH" in lines[0], lines
        assert not lines[0].startswith("::")
    assert not (root / "site").exists()


def test_a_malformed_source_date_epoch_in_mkdocs_is_a_plugin_error(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD})
    env = os.environ | {"SOURCE_DATE_EPOCH": "yesterday", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "out"],
                          cwd=project.root, env=env, capture_output=True, text=True, check=False)
    no_traceback(proc)
    assert proc.returncode != 0
    assert "SOURCE_DATE_EPOCH" in proc.stderr and "yesterday" in proc.stderr


def test_hooks_debug_shows_the_traceback(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": GOOD})
    result = run_hooks(root, "check", env={"SOURCE_DATE_EPOCH": "abc", "HOOKS_DEBUG": "1"})
    assert result.returncode != 0 and "Traceback" in result.stderr
    assert "BuildDateError" in result.stderr


def test_a_real_ctrl_c_to_the_process_group_prints_no_traceback(project_factory, tmp_path):
    """Ctrl-C in a terminal signals the whole foreground process group: MkDocs must not print
    its own KeyboardInterrupt traceback (it runs in its own session and is stopped quietly)."""
    project = project_factory({"gb-t-1-2020.md": GOOD})
    project.write("slow_hook.py", "import os, time\nfrom pathlib import Path\n\n"
                  "def on_post_build(config):\n"
                  "    Path(os.environ['MARKER']).write_text(str(os.getpid()))\n"
                  "    time.sleep(60)\n")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  - hooks/events.py\n",
                                               "  - hooks/events.py\n  - slow_hook.py\n", 1))
    marker = tmp_path / "marker"
    env = os.environ | {"SOURCE_DATE_EPOCH": str(FIXED_EPOCH), "MARKER": str(marker),
                        "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HOOKS_DEBUG", None)
    proc = subprocess.Popen([sys.executable, "-m", "hooks", "--root", str(project.root), "build",
                             "--no-strict"], cwd=project.root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), proc.communicate(timeout=5)
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    no_traceback(out + err)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == (
        f"构建被中断（Ctrl-C），原网站未改动：{(project.root / 'site').resolve()}")
    assert not (project.root / "site").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(int(marker.read_text()), 0)


# --- CI log injection through the text output ---------------------------------------------------

INJECTIONS = {
    "newline-error": '"x\\n::error file=standards/a.md,line=1::伪造的错误"',
    "add-mask": '"::add-mask::secret"',
    "crlf-warning": '"x\\r\\n::warning::伪造"',
    "nel": '"x\\u0085::error::nel"',
    "line-separator": '"x\\u2028::error::ls"',
    "stop-commands": '"a\\n::stop-commands::token"',
}


def test_text_output_never_starts_a_line_with_a_workflow_command(tmp_path):
    names = {}
    for i, domain in enumerate(INJECTIONS.values(), start=1):
        names[f"gb-t-{i}-2020.md"] = standard(number=f"GB/T {i}—2020", domain=domain)
    root = corpus_project(tmp_path, names)
    result = run_hooks(root, "check")
    no_traceback(result)
    assert result.returncode == 1
    for stream in (result.stdout, result.stderr):
        assert not [line for line in stream.splitlines() if line.lstrip().startswith("::")], stream
    assert result.stdout.count("domain-unknown") == len(INJECTIONS)
    # one line per problem; a line break in a one-line field is also char-forbidden
    assert len(result.stdout.splitlines()) == len(INJECTIONS) + result.stdout.count(" char-forbidden ")


def test_mkdocs_log_never_starts_a_line_with_a_workflow_command(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020",
                                                           domain=INJECTIONS["newline-error"])})
    result = project.build()
    assert result.returncode != 0
    assert not [line for line in result.output.splitlines() if line.lstrip().startswith("::")]


def test_format_text_neutralises_line_breaks_and_leading_colons():
    problems = [Problem("::error::x.md", 1, "domain-unknown", "a\n::add-mask::b\u2028c", "h\r\n::x"),
                Problem("standards/a.md", 2, "domain-unknown", "plain", "")]
    text = format_text(problems)
    lines = text.splitlines()
    assert lines == ["./::error::x.md:1: domain-unknown a⏎::add-mask::b⏎c (h⏎⏎::x)",
                     "standards/a.md:2: domain-unknown plain"]


def test_a_lone_surrogate_in_a_message_is_printed_not_a_crash(tmp_path):
    root = corpus_project(tmp_path, {"gb-t-1-2020.md": standard(number="GB/T 1—2020",
                                                                 domain='"\\udcff领域"')})
    result = run_hooks(root, "check", env={"PYTHONIOENCODING": "utf-8"})
    no_traceback(result)
    assert result.returncode == 1
    assert "standards/gb-t-1-2020.md:" in result.stdout


def test_the_shipped_corpus_passes_the_invariants(tmp_path):
    """No false alarm on the real corpus."""
    project = make_project(tmp_path / "shipped", shipped=True)
    corpus = load_corpus(project.root)
    assert not [p for p in corpus.problems if p.rule in {
        "framework-empty", "standard-unpublished", "path-symlink", "path-outside",
        "file-extension", "standards-subdir", "file-unexpected"}]
