"""`python -m hooks build`: the previous site survives failed and interrupted builds."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXED_EPOCH, standard

from hooks.cli.safe_build import swap_into_place

pytestmark = pytest.mark.build

GOOD = {"gb-t-1-2020.md": standard(number="GB/T 1—2020")}

# An extra MkDocs hook that stops the build after every page is written (a "half site" on disk).
SLOW_HOOK = """\
import os, time
from pathlib import Path

def on_post_build(config):
    Path(os.environ["MARKER"]).write_text(str(os.getpid()))
    if os.environ.get("FAIL_LATE"):
        raise RuntimeError("late failure after pages were written")
    time.sleep(60)
"""


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(parent: Path, name: str = "site") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}-"))


def hooks_build(project, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = os.environ | {"SOURCE_DATE_EPOCH": str(FIXED_EPOCH), **(env or {})}
    # --no-strict: these tests are about the swap, not about MkDocs warnings.
    return subprocess.run([sys.executable, "-m", "hooks", "--root", str(project.root), "build",
                           "--no-strict", *args], cwd=project.root, env=environ, capture_output=True, text=True,
                          check=False)


def add_slow_hook(project) -> None:
    project.write("slow_hook.py", SLOW_HOOK)
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hooks/events.py\n" in config
    project.write("mkdocs.yml", config.replace("  - hooks/events.py\n",
                                               "  - hooks/events.py\n  - slow_hook.py\n", 1))


def test_build_command_builds_and_replaces_the_site(project_factory):
    project = project_factory(GOOD)
    first = hooks_build(project)
    assert first.returncode == 0, first.stderr
    site = project.root / "site"
    assert (site / "standards" / "gb-t-1-2020" / "index.html").is_file()
    assert (site.stat().st_mode & 0o755) == 0o755  # readable by a web server, not 0700
    (site / "stale.txt").write_text("from an old build")
    project.write("standards/gb-t-2-2020.md", standard(number="GB/T 2—2020"))
    second = hooks_build(project)
    assert second.returncode == 0, second.stderr
    assert (site / "standards" / "gb-t-2-2020" / "index.html").is_file()
    assert not (site / "stale.txt").exists()  # a fresh tree, not files written over the old one
    assert leftovers(project.root) == []
    assert "构建完成" in second.stderr


def test_failed_build_leaves_previous_site_untouched(project_factory):
    project = project_factory(GOOD)
    assert hooks_build(project).returncode == 0
    site = project.root / "site"
    before = tree_hashes(site)
    project.write("standards/gb-t-1-2020.md", standard(number="GB/T 1—2020", issued="2020-13-01"))
    result = hooks_build(project)
    assert result.returncode != 0
    assert "date-format" in result.stdout + result.stderr  # the errors are printed
    assert "原网站未改动" in result.stderr
    assert tree_hashes(site) == before
    assert leftovers(project.root) == []


def test_late_failure_after_pages_are_written_leaves_site_untouched(project_factory, tmp_path):
    project = project_factory(GOOD)
    assert hooks_build(project).returncode == 0
    before = tree_hashes(project.root / "site")
    add_slow_hook(project)
    project.write("standards/gb-t-2-2020.md", standard(number="GB/T 2—2020"))
    result = hooks_build(project, env={"MARKER": str(tmp_path / "m"), "FAIL_LATE": "1"})
    assert result.returncode != 0
    assert tree_hashes(project.root / "site") == before
    assert leftovers(project.root) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_leaves_previous_site_untouched(project_factory, tmp_path, sig):
    project = project_factory(GOOD)
    assert hooks_build(project).returncode == 0
    site = project.root / "site"
    before = tree_hashes(site)
    add_slow_hook(project)
    project.write("standards/gb-t-2-2020.md", standard(number="GB/T 2—2020"))
    marker = tmp_path / "marker"
    env = os.environ | {"SOURCE_DATE_EPOCH": str(FIXED_EPOCH), "MARKER": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "hooks", "--root", str(project.root), "build",
                             "--no-strict"],
                            cwd=project.root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), proc.communicate(timeout=5)
        # Every page of the new build is on disk (in the temp dir) when the signal arrives.
        assert leftovers(project.root), "the build should be writing into a temp dir"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert "原网站未改动" in err
    assert tree_hashes(site) == before
    assert leftovers(project.root) == []
    mkdocs_pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(mkdocs_pid, 0)  # the MkDocs child is gone too


def test_swap_into_place_without_previous_site(tmp_path):
    new = tmp_path / ".site-build-x"
    new.mkdir()
    (new / "index.html").write_text("new")
    swap_into_place(new, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "new"
    assert not new.exists()


def test_swap_into_place_replaces_whole_tree(tmp_path):
    target = tmp_path / "site"
    (target / "old").mkdir(parents=True)
    (target / "old" / "a.html").write_text("old")
    new = tmp_path / ".site-build-y"
    new.mkdir()
    (new / "index.html").write_text("new")
    swap_into_place(new, target)
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
