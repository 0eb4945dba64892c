"""hooks/render_cache.py: serve rebuilds reuse unchanged pages' HTML and give the same site."""

from __future__ import annotations

import json
import textwrap

from conftest import standard

# Runs in the project directory: the serve sequence (startup, build, edit, rebuild) in one process.
SERVE_SEQUENCE = textwrap.dedent("""\
    import json, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config():
        return load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)
    path = Path("standards/gb-t-2-2020.md")
    path.write_text(path.read_text(encoding="utf-8") + "\\n## 5 新增条款\\n\\n新增的要求。\\n",
                    encoding="utf-8")
    build(config())
    from hooks import render_cache
    print(json.dumps({"hits": render_cache.STATS.hits, "misses": render_cache.STATS.misses}))
    """)

TEXT = "\n## 前言\n\n说明。\n\n## 1 范围\n\n本文件规定了要求。\n\n### 1.1 细则\n\n#### 1.1.1 深层条款\n\n内容。\n"


def test_serve_rebuild_reuses_html_and_matches_a_clean_build(project_factory, tmp_path):
    project = project_factory({
        "gb-t-1-2020.md": standard(number="GB/T 1—2020", body=TEXT),
        "gb-t-2-2020.md": standard(number="GB/T 2—2020", title="机关事务 服务", body=TEXT),
    })
    project.write("serve_sequence.py", SERVE_SEQUENCE)
    served = tmp_path / "served"
    proc = project.run("serve_sequence.py", str(served))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    assert stats["hits"] > 0  # the second build reused pages
    clean = project.build(site=tmp_path / "clean")
    assert clean.returncode == 0, clean.output
    for slug in ("gb-t-1-2020", "gb-t-2-2020"):
        assert (served / "standards" / slug / "index.html").read_text(encoding="utf-8") == \
            clean.page(f"standards/{slug}/")
    edited = clean.page("standards/gb-t-2-2020/")
    assert "新增的要求" in edited and 'id="5"' in edited


def test_sidebar_toc_lists_chapters_only(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020", body=TEXT)})
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("standards/gb-t-1-2020/")
    assert 'id="1.1"' in html and 'id="1.1.1"' in html  # clauses keep their anchors in the text
    sidebar = html.split('class="std-page"')[0]
    assert 'href="#1"' in sidebar  # the chapter is listed (a GB/T 1.1 目次)
    assert 'href="#1.1"' not in sidebar and 'href="#1.1.1"' not in sidebar


GC_SEQUENCE = textwrap.dedent("""\
    import gc, json, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    gc.set_threshold(700, 10, 10)
    seen = []
    def config():
        cfg = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
        cfg.plugins.on_startup(command="build", dirty=False)
        return cfg

    cfg = config()
    original = cfg.plugins.on_page_markdown
    cfg.plugins.on_page_markdown = lambda *a, **k: (seen.append(gc.get_threshold()), original(*a, **k))[1]
    build(cfg)
    after_good = gc.get_threshold()
    Path("standards/gb-t-1-2020.md").write_text("---\\nnumber: 坏\\n---\\n", encoding="utf-8")
    try:
        build(config())
        failed = False
    except Exception:
        failed = True
    print(json.dumps({"during": seen[0], "after_good": after_good, "failed": failed,
                      "after_bad": gc.get_threshold()}))
    """)


def test_the_build_collects_garbage_less_often_and_restores_the_thresholds(project_factory,
                                                                           tmp_path):
    """hooks/pipeline.py raises the collector's thresholds for the length of a build (3 s of
    collections at 1,000 standards) and puts the process's own back, whether it passed or
    failed (`mkdocs serve` keeps the process)."""
    from hooks.pipeline import BUILD_GC_THRESHOLDS

    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020", body=TEXT)})
    project.write("gc_sequence.py", GC_SEQUENCE)
    proc = project.run("gc_sequence.py", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"during": list(BUILD_GC_THRESHOLDS), "after_good": [700, 10, 10],
                      "failed": True, "after_bad": [700, 10, 10]}
