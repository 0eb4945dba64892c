"""Long-text benchmark: build time of one standard with 1,000 … 10,000 clauses.

    python -m bench.clauses_bench                 # 1000 2500 5000 10000 clauses
    python -m bench.clauses_bench --n 10000 20000

The same text generator as the hostile-input test (tests/hostile_corpus.clauses_text). A build that
grows faster than linearly with the clause count (quadratic anchor or hook step) shows up as a
rising "ms per clause" column. Wall time of `mkdocs build` into a temp dir, best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def measure(count: int, repeat: int) -> float:
    from conftest import FIXED_EPOCH, make_project
    from hostile_corpus import many_clauses_standard

    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "p", {"gb-t-9-2020.md": many_clauses_standard(count)})
        env = os.environ | {"SOURCE_DATE_EPOCH": str(FIXED_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d",
                            str(Path(tmp) / "site")], cwd=project.root, env=env, check=True,
                           capture_output=True)
            best = min(best, time.perf_counter() - start)
        return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    base = measure(1, args.repeat)  # the rest of the site (no long text)
    print(f"{'clauses':>8} {'build s':>8} {'extra ms/clause':>16}")
    print(f"{1:>8} {base:>8.2f} {'—':>16}")
    for n in args.n:
        seconds = measure(n, args.repeat)
        print(f"{n:>8} {seconds:>8.2f} {1000 * (seconds - base) / n:>16.3f}")


if __name__ == "__main__":
    main()
