"""Sort keys: natural number order, pinyin order with this domain's heteronyms."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from hooks.model.numbers import number_key
from hooks.model.sorting import phrases, pinyin, pinyin_key


def test_numbers_sort_naturally():
    numbers = ["GB/T 10—2020", "GB/T 2—2020", "GB/T 1.10—2020", "GB/T 1.2—2020", "GB/T 2—2019"]
    assert sorted(numbers, key=number_key) == [
        "GB/T 1.2—2020", "GB/T 1.10—2020", "GB/T 2—2019", "GB/T 2—2020", "GB/T 10—2020"]


def test_heteronyms_of_this_domain():
    assert pinyin("行业标准")[:2] == ["hang2", "ye4"]
    assert pinyin("重大活动")[:2] == ["zhong4", "da4"]
    assert pinyin("公务用车")[:2] == ["gong1", "wu4"]
    assert pinyin("差旅费")[:2] == ["chai1", "lv3"]
    assert pinyin("长效机制")[:1] == ["chang2"]
    assert pinyin("GB/T 行业")[-2:] == ["hang2", "ye4"]


def test_every_phrase_in_the_file_is_applied():
    for phrase, syllables in phrases().items():
        assert tuple(pinyin(f"某{phrase}某")[1:-1]) == syllables, phrase


def test_phrase_file_does_not_change_pypinyin_globally():
    """Heading anchors use pypinyin directly; sorting must not change them."""
    before = lazy_pinyin("长效机制 差旅 朝阳", style=Style.TONE3)
    pinyin("长效机制 差旅 朝阳")
    assert lazy_pinyin("长效机制 差旅 朝阳", style=Style.TONE3) == before


def test_titles_sort_by_pinyin():
    titles = ["重大活动保障", "办公用房", "行业标准", "公务用车", "差旅管理"]
    assert sorted(titles, key=pinyin_key) == ["办公用房", "差旅管理", "公务用车", "行业标准",
                                              "重大活动保障"]
