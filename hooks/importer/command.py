"""`python -m hooks import FILE.docx [--number NUMBER] [--force]`: a Word draft → standards/<slug>.md.

Prints what was converted, then every thing that was not (one line each, with its paragraph
number: 第 N 段 counts the paragraphs of the document body from its start, cover included, as
they appear in Word), then the next steps. python-docx is imported only when the command runs,
so the other commands do not pay for it.

Exit status: 0 the file was written (the report lists what was not converted); 1 nothing was
written because of the target: the file exists (give --force to overwrite it) or another file
of the corpus uses the number; 2 nothing was written because of the input: no such file, a
.doc/.wps or other file that is not a .docx, a corrupt .docx, or no usable standard number
(give --number); 70 an internal error (hooks.cli.main).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.check.problems import one_line

EXIT_INPUT = 2
COUNTED = {"章": "{n} 章", "条": "{n} 条", "附录": "{n} 个附录", "表": "{n} 个表格",
           "列项": "{n} 项列项", "注": "{n} 条注", "示例": "{n} 个示例", "图表标题": "{n} 个图表标题"}


def register(sub) -> None:
    parser = sub.add_parser("import", help="从 Word 草案（.docx）导入一项标准：python -m hooks import 草案.docx",
                            description="把按 GB/T 1.1—2020 编写的 Word 草案（.docx）转换为 standards/<文件名>.md")
    parser.add_argument("file", help="草案文件（.docx；.doc 和 .wps 请先另存为 .docx）")
    parser.add_argument("--number", help="标准号（封面上没有、或与封面不同时指定），任何常见写法均可")
    parser.add_argument("--force", action="store_true", help="标准文件已经存在时覆盖它")
    parser.set_defaults(func=cmd_import)


def finding_line(source: Path, finding) -> str:
    """One line of the report: file, paragraph, the text it starts with, what happened."""
    where = f"{source.name} 第 {finding.paragraph} 段" if finding.paragraph else source.name
    if finding.excerpt:
        where += f"（“{finding.excerpt}”）"
    return one_line(f"  {where}：{finding.message}")


def cmd_import(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    source = Path(args.file)
    try:
        from hooks.importer import convert
        from hooks.importer.source import DraftError
    except ModuleNotFoundError as exc:
        if exc.name not in ("docx", "lxml"):
            raise
        print("导入 Word 草案需要 python-docx：请先运行 pip install -r requirements.txt", file=sys.stderr)
        return EXIT_INPUT
    try:
        result, path, display = convert.convert(source, root, args.number)
        convert.target(root, result, path, display, args.force)
    except DraftError as exc:
        print(one_line(f"{source}: {exc}"), file=sys.stderr)
        return exc.code
    replaced = path.exists()
    convert.write(path, result.text)
    counts = "、".join(COUNTED[kind].format(n=n) for kind, n in result.counts().items() if n)
    print(f"已{'覆盖' if replaced else '导入'} {display}（{result.number.canonical}）："
          f"{counts or '正文为空'}。")
    found = result.cover.found()
    print(f"封面：{'、'.join(found) + ' 已填入' if found else '没有读到任何字段'}；"
          "所属领域、文本授权和封面上没有的字段留有【待填：…】。")
    if result.findings:
        print(f"未能转换或已改动的内容（{len(result.findings)} 处；正文中留有【待填：…】的，check 会逐条列出）：")
        for finding in result.findings:
            print(finding_line(source, finding))
    print("下一步：")
    print(f"  1. 检查：python -m hooks check {display}（逐条列出要填写的【待填：…】）")
    print("  2. 对照原稿核对正文：章条编号、列项、注、表格和附录")
    print(f"  3. 预览：mkdocs serve，然后打开 http://127.0.0.1:8000/standards/{result.number.slug}/")
    return 0
