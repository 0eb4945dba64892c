"""Federation benchmark: `python -m hooks federate` over M members of N standards each.

    python -m bench.federate_bench --members 40 --n 300 [--work DIR] [--http]

One synthetic corpus of N standards (bench.synth) is built once with `python -m hooks build`
(kept in --work, reused by later runs); M member catalogues are derived from its catalogue.json by
renumbering (each member gets its own DB code), so every member is a valid, distinct catalogue
of N standards. Then `python -m hooks federate` runs in a child process and is timed (wall), with
its peak RSS, the national site's size and the search index size. With --http the members are
served over loopback HTTP instead of read as files.
"""

from __future__ import annotations

import argparse
import copy
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synth import generate  # noqa: E402

PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def member_catalogue(base: dict, index: int) -> dict:
    """`base` renumbered for member `index`: DB<province><city>/T, distinct from other members."""
    data = copy.deepcopy(base)
    code = PROVINCES[index % len(PROVINCES)] + (f"{index // len(PROVINCES) + 1:02d}" if index >= len(PROVINCES) else "")
    renamed = {}
    for i, s in enumerate(data["standards"]):
        year = (s["issued"] or "2026-01-01")[:4]
        number = f"DB{code}/T {i + 1}—{year}"
        renamed[s["number"]] = number
        s["number"] = number
        s["slug"] = f"db{code}-t-{i + 1}-{year}"
        s["url"] = f"standards/{s['slug']}/"
    for s in data["standards"]:
        s["replaces"] = [renamed.get(n, n) for n in s["replaces"]]
        s["replaced_by"] = [renamed.get(n, n) for n in s["replaced_by"]]
    return data


def base_catalogue(work: Path, n: int) -> dict:
    site = work / f"corpus-{n}" / "site"
    if not (site / "catalogue.json").is_file():
        project = work / f"corpus-{n}" / "project"
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        for name in ("mkdocs.yml",):
            shutil.copy(REPO / name, project / name)
        shutil.copytree(REPO / "docs", project / "docs")
        shutil.rmtree(project / "docs" / "news", ignore_errors=True)
        shutil.copytree(REPO / "overrides", project / "overrides")
        (project / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
        generate(project, n, 2, seed=7)
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "hooks", "--root", str(project), "build", "-d", str(site)],
                       check=True, cwd=project)
        print(f"member corpus of {n} built in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return json.loads((site / "catalogue.json").read_text(encoding="utf-8"))


def run(members: int, n: int, work: Path, use_http: bool) -> dict[str, object]:
    base = base_catalogue(work, n)
    fed = work / f"fed-{members}x{n}"
    shutil.rmtree(fed, ignore_errors=True)
    (fed / "members").mkdir(parents=True)
    for i in range(members):
        (fed / "members" / f"m{i:02d}.json").write_text(
            json.dumps(member_catalogue(base, i), ensure_ascii=False), encoding="utf-8")
    server = None
    prefix = ""
    if use_http:
        handler = functools.partial(_QuietHandler, directory=str(fed / "members"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        prefix = f"http://127.0.0.1:{server.server_address[1]}/"
    lines = ["title: 基准测试", "members:"]
    for i in range(members):
        where = f"{prefix}m{i:02d}.json" if use_http else f"members/m{i:02d}.json"
        lines += [f'  - name: "成员{i:02d}"', f'    site_url: "https://m{i:02d}.example.gov.cn/"',
                  f'    catalogue: "{where}"']
    (fed / "federation.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "hooks", "federate", str(fed / "federation.yml"),
                             "-d", str(fed / "site")], cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    if server is not None:
        server.shutdown()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("federate failed")
    site = fed / "site"
    return {"members": members, "standards_per_member": n, "http": use_http,
            "wall_s": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1),
            "index_mb": round((site / "federation-index.json").stat().st_size / 1e6, 2),
            "cpus": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=40)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path("/tmp/federate-bench"))
    parser.add_argument("--http", action="store_true", help="serve the members over loopback HTTP")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(args.members, args.n, args.work, args.http), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
