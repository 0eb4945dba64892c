"""Shared fixtures: fixture corpora written by the tests, and real `mkdocs build` runs.

`project_factory(standards={...}, framework=...)` makes a throw-away project (the repo's
mkdocs.yml, docs/, overrides/ and hooks/ with the fixture's standards/) and returns a `Project`;
`project.build()` runs a real `mkdocs build` into a temp dir with a fixed SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parent.parent
# 2026-11-27 12:00 Asia/Shanghai: the day the fixture statuses are computed on.
FIXED_EPOCH = int(datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp())

FRAMEWORK = textwrap.dedent("""\
    - code: "01"
      name: 通用基础
      description: 基础通用标准。
      children:
        - code: "01.01"
          name: 术语
    - code: "03"
      name: 资产管理
      children:
        - code: "03.01"
          name: 办公用房
        - code: "03.02"
          name: 公务用车
    """)


def front_matter(**fields: object) -> str:
    """A standard file from keyword fields (lists as YAML flow lists), body via `body=`."""
    body = str(fields.pop("body", ""))
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def standard(number: str = "GB/T 41568—2022", title: str = "机关事务管理 术语",
             domain: str = '"01.01"', issued: str = "2022-04-15",
             effective: str = "2022-04-15", **extra: object) -> str:
    return front_matter(number=number, title=title, domain=domain, issued=issued,
                        effective=effective, **extra)


def write_file(path: Path, text: str | bytes = "") -> Path:
    """Write text (UTF-8) or bytes to path, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        """HTML of a page by its URL relative to the site root ("standards/x/")."""
        path = self.site / url
        if url.endswith("/") or url == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


@dataclass
class Project:
    root: Path

    def write(self, relpath: str, text: str | bytes) -> Path:
        return write_file(self.root / relpath, text)

    def run(self, *args: str, epoch: int = FIXED_EPOCH) -> subprocess.CompletedProcess:
        env = os.environ | {"SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run([sys.executable, *args], cwd=self.root, env=env,
                              capture_output=True, text=True, check=False)

    def build(self, *extra: str, site: Path | None = None, strict: bool = True,
              epoch: int = FIXED_EPOCH) -> BuildResult:
        site = site or self.root / "site"
        args = ["-m", "mkdocs", "build", "-d", str(site), *extra]  # no -q: it hides strict failures
        if strict:
            args.append("--strict")
        proc = self.run(*args, epoch=epoch)
        return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)

    def check(self, *args: str, epoch: int = FIXED_EPOCH) -> subprocess.CompletedProcess:
        return self.run("-m", "hooks", "--root", str(self.root), "check", *args, epoch=epoch)


def make_project(dest: Path, standards: dict[str, str | bytes] | None = None,
                 framework: str | None = FRAMEWORK, shipped: bool = False) -> Project:
    """A project in `dest`: the repo's site code, and either the shipped corpus or a fixture."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "overrides"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, dest / name)
    (dest / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    project = Project(dest)
    if shipped:
        shutil.copytree(REPO / "standards", dest / "standards")
        return project
    # Articles (docs/news/) are corpus content like standards/: they cite the shipped standards,
    # so a fixture corpus starts without them (tests write their own).
    shutil.rmtree(dest / "docs" / "news", ignore_errors=True)
    (dest / "standards").mkdir()
    if framework is not None:
        project.write("standards/framework.yml", framework)
    for name, text in (standards or {}).items():
        project.write(f"standards/{name}", text)
    return project


@pytest.fixture(scope="session", autouse=True)
def ctrl_c_reaches_the_tests():
    """The Ctrl-C tests (test_cli_hardening.py, test_safe_build.py) need SIGINT to be
    deliverable. A shell without job control starts a background job (`.ci/run &`) with SIGINT
    ignored, Python then keeps it ignored, and every build the tests start inherits that: Ctrl-C
    would do nothing, as it should for such a job. Give the session Python's usual handler (a
    child process then starts with the default action)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield


@pytest.fixture
def project_factory(tmp_path: Path):
    counter = iter(range(1000))

    def factory(standards: dict[str, str | bytes] | None = None, framework: str | None = FRAMEWORK,
                shipped: bool = False) -> Project:
        return make_project(tmp_path / f"project{next(counter)}", standards, framework, shipped)

    return factory


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> BuildResult:
    """The shipped corpus, built once per test session with `mkdocs build --strict`."""
    project = make_project(tmp_path_factory.mktemp("shipped"), shipped=True)
    result = project.build()
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def index_site(tmp_path_factory):
    """(project, BuildResult) of the index fixture corpus (tests/index_corpus.py), built once."""
    from index_corpus import build_index_site

    return build_index_site(tmp_path_factory)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> BuildResult:
    """The shipped corpus built with `python -m hooks build --offline` (the file:// package)."""
    project = make_project(tmp_path_factory.mktemp("offline"), shipped=True)
    proc = project.run("-m", "hooks", "--root", str(project.root), "build", "--offline")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, project.root / "site-offline")
