"""`mkdocs build` and `properdocs build` give the same site, apart from the generator tag.

Spec §10 (platform): ProperDocs is the maintained MkDocs 1.x fork; the site must build identically
with both. Used by `.ci/compare-builds` and tests/test_platform.py:

    python -m tests.platform_compare                 # build the shipped corpus with both, compare
    python -m tests.platform_compare --keep /tmp/x   # … and keep the four sites in /tmp/x
    python -m tests.platform_compare --trees A B     # only compare two existing site trees

Every file must be byte-identical, except that in HTML files the value of a
`<meta name="generator" content="…">` line may differ (mkdocs writes "mkdocs-1.6.1, …", ProperDocs
"mkdocs-ProperDocs 1.6.7, …"). The tag is normalised in place, not removed, so a missing tag, a
second tag or anything else on its line still counts as a difference. Exit status: 0 identical,
1 differences (each differing file listed), 2 a build failed or ProperDocs is not installed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("mkdocs", "properdocs")
CONFIGS = ("mkdocs.yml", "mkdocs-offline.yml")
EPOCH = 1795752000  # used when SOURCE_DATE_EPOCH is not set; both builds always get the same one

# The whole line, so nothing else on the line is hidden by the normalisation.
GENERATOR = re.compile(rb'^([ \t]*<meta name="generator" content=")[^"\r\n]*(">[ \t]*\r?)$', re.M)
NORMALISED = rb"\1GENERATOR\2"


def normalise(path: str, data: bytes) -> bytes:
    """The file's bytes with the generator tag's value replaced (HTML files only)."""
    return GENERATOR.sub(NORMALISED, data) if path.endswith(".html") else data


def generators(data: bytes) -> list[str]:
    return [m.group(0).decode("utf-8", "replace").strip() for m in GENERATOR.finditer(data)]


@dataclass
class Comparison:
    differences: list[str] = field(default_factory=list)  # "path: reason", sorted by path
    details: list[str] = field(default_factory=list)  # the first differing lines of text files
    generators: set[tuple[str, str]] = field(default_factory=set)  # (tag in A, tag in B) pairs

    @property
    def identical(self) -> bool:
        return not self.differences


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def compare_trees(a: Path, b: Path, context_lines: int = 6) -> Comparison:
    """Compare two site trees file by file; only the generator tag's value may differ."""
    result = Comparison()
    files_a, files_b = _files(a), _files(b)
    for path in sorted(files_a | files_b):
        if path not in files_b:
            result.differences.append(f"{path}: only in {a}")
            continue
        if path not in files_a:
            result.differences.append(f"{path}: only in {b}")
            continue
        data_a, data_b = (a / path).read_bytes(), (b / path).read_bytes()
        if data_a == data_b:
            continue
        norm_a, norm_b = normalise(path, data_a), normalise(path, data_b)
        if norm_a == norm_b:
            result.generators.update(zip(generators(data_a), generators(data_b), strict=True))
            continue
        result.differences.append(f"{path}: differs")
        if len(result.differences) > 20:
            continue  # the list names every file; excerpts for the first 20 are enough
        try:
            lines_a = norm_a.decode("utf-8").splitlines()
            lines_b = norm_b.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # binary (xlsx, gz, images): the file name is the report
        diff = list(difflib.unified_diff(lines_a, lines_b, f"a/{path}", f"b/{path}", n=0,
                                         lineterm=""))
        result.details.extend(line[:200] for line in diff[:context_lines])
    return result


def build(tool: str, root: Path, config: str, out: Path, epoch: int) -> subprocess.CompletedProcess:
    """A real `<tool> build --strict` of `root/config` into `out` (outside the project)."""
    env = os.environ | {"SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1",
                        "DISABLE_MKDOCS_2_WARNING": "true"}
    args = [sys.executable, "-m", tool, "build", "--strict", "-f", str(root / config),
            "-d", str(out)]
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, check=False)


def compare_builds(root: Path, work: Path, configs: tuple[str, ...] = CONFIGS,
                   epoch: int | None = None) -> dict[str, Comparison]:
    """Build every config with both tools into `work/<tool>/<config>`; compare per config.
    Raises RuntimeError (with the build's output) when a build fails."""
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or EPOCH)
    results = {}
    for config in configs:
        outs = []
        for tool in TOOLS:
            out = work / tool / Path(config).stem
            proc = build(tool, root, config, out, epoch)
            if proc.returncode != 0:
                raise RuntimeError(f"{tool} build --strict -f {config} failed "
                                   f"(exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
            outs.append(out)
        results[config] = compare_trees(*outs)
    return results


def report(name: str, comparison: Comparison) -> str:
    if comparison.identical:
        tags = "; ".join(f"{x}  vs  {y}" for x, y in sorted(comparison.generators)) or "none"
        return f"{name}: identical apart from the generator tag ({tags})"
    lines = [f"{name}: {len(comparison.differences)} files differ beyond the generator tag:"]
    lines += [f"  {d}" for d in comparison.differences]
    lines += [f"    {d}" for d in comparison.details]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.platform_compare",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="project directory (mkdocs.yml)")
    parser.add_argument("--config", action="append", help="config file(s); default: both shipped")
    parser.add_argument("--keep", type=Path, help="build into this directory and keep it")
    parser.add_argument("--trees", nargs=2, type=Path, metavar=("A", "B"),
                        help="compare two existing site directories, build nothing")
    args = parser.parse_args(argv)

    if args.trees:
        comparison = compare_trees(*args.trees)
        print(report(f"{args.trees[0]} vs {args.trees[1]}", comparison))
        return 0 if comparison.identical else 1

    for tool in TOOLS:
        probe = subprocess.run([sys.executable, "-c", f"import {tool}"], capture_output=True,
                               check=False)
        if probe.returncode != 0:
            print(f"{tool} is not installed (pip install -r requirements.txt)", file=sys.stderr)
            return 2
    # Each build empties only its own output directory (work/<tool>/<config>).
    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-builds-"))
    try:
        results = compare_builds(args.root.resolve(), work, tuple(args.config or CONFIGS))
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for name, comparison in results.items():
        print(report(f"{' vs '.join(TOOLS)} ({name})", comparison))
    return 0 if all(c.identical for c in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
