"""Edition diff (hooks/pages/diff.py): clause alignment on fixture editions with moved, split,
renumbered, retitled and removed clauses; word-level highlights in Chinese; the changes page."""

from __future__ import annotations

import re

from conftest import standard

from hooks.pages.diff import clauses, compare, inline_diff, redline, runs, tokens

OLD_TEXT = """\
## 前言

本文件按照GB/T 1.1—2020的规定起草。

## 1 范围

本文件规定了公务用车的使用要求。

## 4 管理要求

### 4.1 车辆调度

用车单位应提前一天提出申请。

调度中心应在 2 h 内安排车辆。

### 4.2 安全管理

驾驶员应遵守交通法规，不得疲劳驾驶。

### 4.3 费用结算

费用按月结算，结算单据保存三年。

## 5 服务评价

每季度开展满意度调查，结果报局领导。

## 附录 A（资料性）调度单

### A.1 调度单样式

| 项目 | 内容 |
|---|---|
| 用车单位 | 填写全称 |
"""

NEW_TEXT = """\
## 前言

本文件按照GB/T 1.1—2020的规定起草。

## 1 范围

本文件规定了公务用车的使用和调度要求。

## 4 基本要求

### 4.1 安全管理

驾驶员应遵守交通法规，不得疲劳驾驶。

## 5 调度服务

### 5.1 用车申请

用车单位应提前一天通过平台提出申请。

### 5.2 车辆调度

调度中心应在 1 h 内安排车辆。

## 6 服务评价

每季度开展满意度调查，结果报局领导。

## 附录 A（资料性）调度单

### A.1 调度单样式

| 项目 | 内容 |
|---|---|
| 用车单位 | 填写全称 |
| 用车事由 | 按公务填写 |
"""


def by_new(diff, number):
    return next(c for c in diff.changes if c.new and c.new.number == number)


def by_old(diff, number):
    return next(c for c in diff.changes if c.old and c.old.number == number)


def plain(segments, op):
    return "".join(s.text for s in segments if s.op == op)


def test_tokens_are_cjk_characters_and_ascii_words():
    assert tokens("节约管理应符合GB/T 29118—2023的要求") == [
        "节", "约", "管", "理", "应", "符", "合", "GB/T", " ", "29118", "—", "2023", "的", "要", "求"]
    assert tokens("4.5 h") == ["4.5", " ", "h"]


def test_clauses_keep_numbers_titles_anchors_and_blocks():
    found = clauses(OLD_TEXT)
    assert [c.number for c in found] == [None, "1", "4", "4.1", "4.2", "4.3", "5", "A", "A.1"]
    assert found[0].anchor == "qian-yan" and found[0].title == "前言"
    annex = found[7]
    assert (annex.title, annex.label, annex.anchor) == ("调度单", "附录 A 调度单", "A")
    assert found[3].blocks == ["用车单位应提前一天提出申请。", "调度中心应在 2 h 内安排车辆。"]
    assert found[8].blocks == ["项目 ｜ 内容", "用车单位 ｜ 填写全称"]  # table rows, no rule line
    assert found[3].parent is found[2]


FENCED = "\n\n```text\n~~~\n## 9 假条款\n```\n"


def test_a_heading_in_a_code_block_is_no_clause_and_the_real_one_is_compared():
    """The page's clauses: the `## 9` line in the fence (which holds a `~~~` line) is code, the
    `## 9` after it the clause, whose changed text the comparison shows."""
    old = "## 1 范围\n\n示例：" + FENCED + "\n## 9 真条款\n\n会议室应提前一日预订。\n"
    new = old.replace("一日", "两日")
    assert [(c.anchor, c.heading) for c in clauses(old)] == [("1", "1 范围"), ("9", "9 真条款")]
    assert clauses(old)[0].blocks[-1] == "```text ~~~ ## 9 假条款 ```"  # code: text of clause 1
    diff = compare(old, new)
    assert [(c.kind, c.new.number) for c in diff.changes] == [("unchanged", "1"),
                                                              ("changed", "9")]
    (block,) = diff.changes[1].blocks
    assert plain(block.new, "insert") == "两"


def test_list_items_are_blocks_with_a_bullet_not_markdown():
    found = clauses("## 2 规范性引用文件\n\n下列文件：\n\n- GB/T 1—2020 甲\n- GB/T 2—2021 乙\n"
                    "* 丙\n\na) 条目一；\nb) 条目二。\n\n---\n\n* * *\n尾段。\n")
    assert found[0].blocks == ["下列文件：", "• GB/T 1—2020 甲", "• GB/T 2—2021 乙", "• 丙",
                               "a) 条目一；", "b) 条目二。", "尾段。"]  # no "---" shown


def test_renumbered_clause_is_found_by_title():
    diff = compare(OLD_TEXT, NEW_TEXT)
    moved = by_new(diff, "4.1")
    assert moved.old.number == "4.2" and moved.kind == "unchanged"
    assert moved.renumbered and not moved.retitled
    chapter = by_new(diff, "6")
    assert chapter.old.number == "5" and chapter.kind == "unchanged" and chapter.renumbered


def test_moved_clause_with_changed_words():
    diff = compare(OLD_TEXT, NEW_TEXT)
    change = by_new(diff, "5.2")
    assert change.old.number == "4.1" and change.kind == "changed" and change.moved
    changed = [b for b in change.blocks if b.kind == "changed"]
    assert len(changed) == 1
    assert plain(changed[0].old, "delete") == "2" and plain(changed[0].new, "insert") == "1"
    # its first paragraph went to the new 5.1: shown as moved, not deleted
    moved = [b for b in change.blocks if b.kind == "moved"]
    assert len(moved) == 1 and moved[0].note == "移至 5.1 用车申请"
    assert [c.label for c in change.related] == ["5.1 用车申请"]


def test_split_clause_points_back_to_its_source():
    diff = compare(OLD_TEXT, NEW_TEXT)
    split = by_new(diff, "5.1")
    assert split.kind == "split" and split.old.number == "4.1"
    (block,) = split.blocks
    assert plain(block.new, "insert") == "通过平台"
    assert plain(block.new, "equal") == "用车单位应提前一天提出申请。"


def test_retitled_added_and_removed_clauses():
    diff = compare(OLD_TEXT, NEW_TEXT)
    chapter = by_new(diff, "4")
    assert chapter.old.number == "4" and chapter.retitled and chapter.kind == "changed"
    assert by_new(diff, "5").kind == "added"  # the new chapter 调度服务
    removed = by_old(diff, "4.3")
    assert removed.kind == "removed" and removed.new is None
    scope = by_new(diff, "1")
    (block,) = [b for b in scope.blocks if b.kind == "changed"]
    assert plain(block.new, "insert") == "和调度"
    table = by_new(diff, "A.1")
    assert [b.kind for b in table.blocks] == ["equal", "equal", "added"]
    assert diff.summary() == {"修改": 4, "新增": 1, "删除": 1, "拆分": 1, "合并": 0,
                              "重新编号": 3, "未变": 4}


def test_removed_clause_is_listed_where_it_was():
    order = [(c.old.number if c.old else None, c.new.number if c.new else None)
             for c in compare(OLD_TEXT, NEW_TEXT).changes]
    assert order.index(("4.3", None)) == order.index(("5", "6")) - 1


def test_chapter_split_into_several_chapters():
    old = "## 5 服务内容\n\n### 5.1 会前服务\n\n甲。\n\n### 5.2 会中服务\n\n乙。\n"
    new = "## 5 会前服务\n\n甲。\n\n## 6 会中服务\n\n乙。\n"
    diff = compare(old, new)
    chapter = by_old(diff, "5")
    assert chapter.new is None and chapter.kind == "split"
    assert [c.label for c in chapter.related] == ["5 会前服务", "6 会中服务"]


def test_merged_clause():
    old = "## 4 要求\n\n### 4.1 甲\n\n会场应整洁。\n\n### 4.2 乙\n\n设备应完好，定期检查。\n"
    new = "## 4 要求\n\n### 4.1 甲\n\n会场应整洁。设备应完好，定期检查。\n"
    diff = compare(old, new)
    assert by_old(diff, "4.2").kind == "merged"
    assert [c.label for c in by_old(diff, "4.2").related] == ["4.1 甲"]


def test_word_level_highlights_are_words_not_confetti():
    old, new = inline_diff("会议主办单位应提前 2 个工作日以电话或书面方式预订会议室，说明会议名称。",
                           "会议主办单位应提前 2 个工作日通过会议预订平台预订会议室，填写会议名称。")
    assert [s.text for s in old if s.op == "delete"] == ["以电话或书面方式", "说明"]
    assert [s.text for s in new if s.op == "insert"] == ["通过会议预订平台", "填写"]
    rewritten_old, rewritten_new = inline_diff("每季度发放满意度调查表。", "主办单位可在会后通过平台评价。")
    assert [s.op for s in rewritten_old] == ["delete"] and [s.op for s in rewritten_new] == ["insert"]


def test_redline_puts_each_deletion_before_its_insertion():
    merged = redline("会议服务中心应在接到预订后 4 h 内确认。", "会议服务中心应在接到预订后 2 h 内确认，并通知主办单位。")
    assert [(s.op, s.text) for s in merged] == [
        ("equal", "会议服务中心应在接到预订后 "), ("delete", "4"), ("insert", "2"),
        ("equal", " h 内确认"), ("insert", "，并通知主办单位"), ("equal", "。")]
    # the old and the new text are both in it, each exactly once
    assert "".join(s.text for s in merged if s.op != "insert") == "会议服务中心应在接到预订后 4 h 内确认。"
    assert "".join(s.text for s in merged if s.op != "delete") == "会议服务中心应在接到预订后 2 h 内确认，并通知主办单位。"


def test_runs_show_each_paragraph_once_and_group_whole_blocks():
    diff = compare(OLD_TEXT, NEW_TEXT)
    table = [r.kind for r in runs(by_new(diff, "A.1").blocks)]
    assert table == ["equal", "equal", "inserted"]
    moved = by_new(diff, "5.2").runs
    assert [r.kind for r in moved] == ["moved", "changed"]
    assert moved[0].note == "移至 5.1 用车申请"
    removed = by_old(diff, "4.3").runs
    assert [(r.kind, r.items) for r in removed] == [("deleted", ["费用按月结算，结算单据保存三年。"])]
    # a paragraph rewritten beyond recognition: its old text deleted, its new text inserted
    rewritten = compare("## 1 甲\n\n每季度发放满意度调查表。\n", "## 1 甲\n\n主办单位可在会后通过平台评价。\n")
    assert [(r.kind, r.items) for r in rewritten.changes[0].runs] == [
        ("deleted", ["每季度发放满意度调查表。"]), ("inserted", ["主办单位可在会后通过平台评价。"])]


def changes_article(html: str) -> str:
    start = html.index('<div class="lc-page df">')
    return html[start:html.index("</article>", start)]


def test_changes_page_is_built_and_linked_from_both_editions(project_factory):
    extra = {"level": "单位内部标准", "domain": '"03.02"'}
    project = project_factory({
        "sljg-009-2020.md": standard(number="SLJG 009—2020", title="公务用车服务规范",
                                     issued="2020-01-01", effective="2020-03-01",
                                     body=OLD_TEXT.replace("结果报局领导", "结果报局领导 <b>&</b>"),
                                     **extra),
        "sljg-009-2025.md": standard(number="SLJG 009—2025", title="公务用车服务规范",
                                     issued="2025-01-01", effective="2025-03-01",
                                     replaces="[SLJG 009—2020]", body=NEW_TEXT, **extra),
    })
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("standards/sljg-009-2025/changes/")
    assert "SLJG 009—2025 与 SLJG 009—2020 条文对照" in html  # <title>
    article = changes_article(html)
    # one redline: changed words marked in place, deletion before insertion
    assert "<p>本文件规定了公务用车的使用<ins>和调度</ins>要求。</p>" in article
    assert "调度中心应在 <del>2</del><ins>1</ins> h 内安排车辆。" in article
    assert "拆分自旧版 4.1 车辆调度" in article and "（移至 5.1 用车申请）" in article
    assert "<del><p>费用按月结算，结算单据保存三年。</p></del>" in article  # removed clause 4.3
    assert "<ins><p>用车事由 ｜ 按公务填写</p></ins>" in article  # added table row
    # every paragraph at most once; an unchanged clause is one line without its text
    assert article.count("用车单位 ｜ 填写全称") == 1
    assert "不得疲劳驾驶" not in article
    assert re.search(r'<p class="du"><b>未变</b> <a href="../#4.1">4.1 安全管理</a> '
                     r'<a href="../../sljg-009-2020/#4.2">原 4.2</a></p>', article)
    # changed clause: kind, title linked to the new clause, chip linked to the old one
    assert ('<h2><b>修改</b> <a href="../#5.2">5.2 车辆调度</a> <span class="dr">部分内容移至 5.1 '
            '用车申请</span> <a href="../../sljg-009-2020/#4.1">原 4.1</a></h2>') in article
    assert re.search(r'<h2><b class="kr">删除</b> <a href="../../sljg-009-2020/#4.3">', article)
    assert '<a href="../../sljg-009-2020/#4">原 4 管理要求</a>' in article  # retitled chapter
    # summary counts
    assert "<li><b>5</b> 条修改</li>" in article and "<li><b>3</b> 条重新编号</li>" in article
    # metadata escaped; no indentation in the generated markup
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in article and "<b>&</b>" not in html
    assert "\n " not in article
    # like standard pages (not in the navigation either), the drawer has only the site's parts
    nav = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    assert 'href="../../../editors/"' in nav and "../../../guide/fields/" not in nav
    assert 'href="changes/"' in result.page("standards/sljg-009-2025/")
    assert 'href="../sljg-009-2025/changes/"' in result.page("standards/sljg-009-2020/")
