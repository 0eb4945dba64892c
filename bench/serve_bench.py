"""`mkdocs serve` rebuild time: edit one standard, time until the served page shows the edit.

    python -m bench.serve_bench --n 300 [--rounds 5] [--no-cache]

Generates N standards (bench.synth) with the repo's site code, starts `mkdocs serve` on
127.0.0.1, waits for the first build, then `rounds` times appends a unique sentence to one
standard and polls that standard's page until the sentence is there. Prints the time from the
write to the updated page, and MkDocs' own "Documentation built in" figure for each rebuild.
--no-cache sets STANDARDS_RENDER_CACHE=0 (hooks/render_cache.py off) for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.build_bench import RESULTS, env_for, make_project  # noqa: E402
from bench.synth import generate  # noqa: E402

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and needle in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--work", type=Path, default=REPO / "bench-out")
    args = parser.parse_args(argv)

    root = args.work.resolve() / f"serve-n{args.n}-kb{args.kb}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    generate(root, args.n, args.kb)
    make_project(root)
    target = sorted((root / "standards").glob("*.md"))[args.n // 2]
    slug = target.stem
    port = free_port()
    env = env_for()
    if args.no_cache:
        env["STANDARDS_RENDER_CACHE"] = "0"
    log_path = root / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/standards/{slug}/"
    rounds: list[dict] = []
    try:
        start = time.perf_counter()
        first = wait_for(url, slug, timeout=1800)
        if first is None:
            print(log_path.read_text(encoding="utf-8")[-3000:], file=sys.stderr)
            return 1
        initial = time.perf_counter() - start
        time.sleep(1.0)
        for i in range(args.rounds):
            marker = f"性能测试修改标记{i}{time.time_ns()}"
            built_before = len(BUILT.findall(log_path.read_text(encoding="utf-8")))
            with target.open("a", encoding="utf-8") as f:
                f.write(f"\n{marker}。\n")
            seen = wait_for(url, marker, timeout=600)
            time.sleep(0.5)
            builds = BUILT.findall(log_path.read_text(encoding="utf-8"))[built_before:]
            rounds.append({"reflected_s": round(seen, 2) if seen is not None else None,
                           "built_s": [float(b) for b in builds]})
            print(f"round {i + 1}: page updated after {rounds[-1]['reflected_s']} s "
                  f"(MkDocs: built in {', '.join(builds) or '?'} s)", flush=True)
            time.sleep(1.0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    reflected = [r["reflected_s"] for r in rounds if r["reflected_s"] is not None]
    result = {
        "n": args.n, "kb": args.kb, "cache": not args.no_cache,
        "initial_build_s": round(initial, 2),
        "rebuild_median_s": round(statistics.median(reflected), 2) if reflected else None,
        "rounds": rounds, "load": round(os.getloadavg()[0], 1),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    print(json.dumps({k: v for k, v in result.items() if k != "rounds"}, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "serve.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data[f"n{args.n}-kb{args.kb}-{'cache' if result['cache'] else 'nocache'}"] = result
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
