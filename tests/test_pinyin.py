"""One pinyin for anchors, sort keys and search, with the domain's readings, and no side effects.

hooks/data/pinyin_phrases.yml must be applied by hooks/model/pinyin.py itself, never by loading
it into pypinyin's shared dictionaries: otherwise a heading's anchor depends on whether the
search index (or anything else that loaded the phrases) ran first in the process, and
`mkdocs serve` or a check run can give other anchors than a clean build.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from hooks.model import pinyin as pinyin_module
from hooks.model.anchors import slugify
from hooks.model.pinyin import phrases, pinyin
from hooks.model.sorting import pinyin_key
from hooks.search.tokens import pinyin_field, pinyin_syllables

REPO = Path(__file__).resolve().parent.parent

# Headings whose anchors pypinyin alone reads otherwise (差旅 cha, 长效 zhang, 朝阳 zhao).
HEADINGS = ["差旅费", "差旅", "长效机制", "朝阳", "前言"]
ANCHORS = ["chai-lv-fei", "chai-lv", "chang-xiao-ji-zhi", "chao-yang", "qian-yan"]


def test_the_domain_readings_of_the_three_heteronyms():
    assert pinyin("差旅") == ["chai", "lv"]
    assert pinyin("长效") == ["chang", "xiao"]
    assert pinyin("朝阳") == ["chao", "yang"]
    assert pinyin("差旅费管理", tones=True) == ["chai1", "lv3", "fei4", "guan3", "li3"]
    # pypinyin alone reads them otherwise: the phrase file is what makes the difference
    assert lazy_pinyin("长效") == ["zhang", "xiao"]
    assert lazy_pinyin("朝阳") == ["zhao", "yang"]


def test_every_phrase_in_the_file_is_applied():
    for phrase, syllables in phrases().items():
        assert pinyin(phrase, tones=True) == list(syllables), phrase
        assert pinyin(f"GB/T 1—2020 {phrase}。", tones=True)[1:-1] == list(syllables), phrase
        assert pinyin(phrase) == [s.rstrip("12345") for s in syllables], phrase


def test_phrases_are_words_in_context():
    """Forward maximum matching over pypinyin's phrases and ours, as pypinyin segments."""
    assert pinyin("机关事务行业重大活动") == ["ji", "guan", "shi", "wu", "hang", "ye", "zhong",
                                              "da", "huo", "dong"]
    assert pinyin("银行业") == ["yin", "hang", "ye"]
    assert pinyin("长效机制建设") == ["chang", "xiao", "ji", "zhi", "jian", "she"]
    # a longer pypinyin word starting earlier wins over ours: 成长 + 期, not 成 + 长期
    assert pinyin("成长期") == ["cheng", "zhang", "qi"]


def test_other_characters_come_back_as_one_item():
    assert pinyin("GB/T 行业") == ["GB/T ", "hang", "ye"]
    assert pinyin("A.1 登记（资料性）") == ["A.1 ", "deng", "ji", "（", "zi", "liao", "xing", "）"]
    assert pinyin("的", tones=True) == ["de5"]  # neutral tone as 5
    assert pinyin("旅") == ["lv"]  # ü as v
    assert pinyin("") == []


def test_anchors_sort_keys_and_search_share_the_reading():
    for heading, anchor in zip(HEADINGS, ANCHORS, strict=True):
        assert slugify(heading) == anchor
        assert "-".join(pinyin_syllables(heading)) == anchor
        assert "-".join(s.rstrip("12345") for s in pinyin_key(heading)[0]) == anchor
    assert pinyin_field(["长效机制", "朝阳"]) == "chang xiao ji zhi|chao yang"


@pytest.mark.parametrize(("content", "message"), [
    ("行业: hang2\n", "one TONE3 syllable per character"),
    ("行业: hang ye\n", "one TONE3 syllable per character"),
    ("差旅: chai1 lü3\n", "one TONE3 syllable per character"),
])
def test_a_bad_phrase_line_is_refused(tmp_path, monkeypatch, content, message):
    bad = tmp_path / "pinyin_phrases.yml"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr(pinyin_module, "PHRASES_FILE", bad)
    phrases.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            phrases()
    finally:
        phrases.cache_clear()


def _snapshot() -> dict[str, str]:
    """pypinyin's shared dictionaries, entry by entry."""
    return {**{str(k): json.dumps(v) for k, v in PHRASES_DICT.items()},
            **{f"U+{k:04X}": json.dumps(v) for k, v in PINYIN_DICT.items()}}


def _changed(before: dict[str, str]) -> list[str]:
    after = _snapshot()
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def test_pypinyin_shared_dictionaries_are_left_alone():
    before = _snapshot()
    pypinyin_before = lazy_pinyin("长效机制 差旅 朝阳", style=Style.TONE3)
    slugify.cache_clear()
    for phrase in phrases():
        text = f"{phrase}管理"
        pinyin(text)
        pinyin(text, tones=True)
        slugify(text)
        pinyin_key(text)
        pinyin_field([text])
    assert _changed(before) == []
    assert lazy_pinyin("长效机制 差旅 朝阳", style=Style.TONE3) == pypinyin_before


# Run in a fresh interpreter: the anchors of HEADINGS as the `toc` extension writes them, either
# before anything else ran, or after importing every hooks module and computing the search
# pinyin and sort keys. Also reports the entries of pypinyin's shared dictionaries that changed.
ORDER_SCRIPT = textwrap.dedent("""\
    import importlib, json, pkgutil, sys
    import markdown
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    def snapshot():
        return {**{k: json.dumps(v) for k, v in PHRASES_DICT.items()},
                **{f"U+{k:04X}": json.dumps(v) for k, v in PINYIN_DICT.items()}}

    headings, order = json.loads(sys.argv[1]), sys.argv[2]
    before = snapshot()

    def anchors():
        from hooks.model.anchors import slugify
        md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"slugify": slugify}})
        md.convert("\\n\\n".join("## " + h for h in headings))
        return [t["id"] for t in md.toc_tokens]

    def everything_else():
        import hooks
        for mod in pkgutil.walk_packages(hooks.__path__, "hooks."):
            if not mod.name.endswith("__main__"):
                importlib.import_module(mod.name)
        from hooks.model.sorting import pinyin_key
        from hooks.search.tokens import pinyin_field
        pinyin_field(headings)
        sorted(headings, key=pinyin_key)

    if order == "anchors-first":
        result = anchors()
        everything_else()
    else:
        everything_else()
        result = anchors()
    after = snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    print(json.dumps({"anchors": result, "pypinyin_entries_changed": changed}))
    """)


def _anchors_in_fresh_process(order: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", ORDER_SCRIPT, json.dumps(HEADINGS), order],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_anchors_do_not_depend_on_what_ran_first():
    first = _anchors_in_fresh_process("anchors-first")
    after = _anchors_in_fresh_process("search-first")
    assert first["anchors"] == after["anchors"]
    assert first["anchors"] == ANCHORS
    assert first["pypinyin_entries_changed"] == after["pypinyin_entries_changed"] == []
