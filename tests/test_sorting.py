"""Sort keys: natural number order, pinyin order with this domain's heteronyms."""

from __future__ import annotations

from hooks.model.numbers import number_key
from hooks.model.sorting import level_rank, pinyin_key, status_rank
from hooks.model.standard import LEVELS, STATUSES


def test_numbers_sort_naturally():
    numbers = ["GB/T 10—2020", "GB/T 2—2020", "GB/T 1.10—2020", "GB/T 1.2—2020", "GB/T 2—2019"]
    assert sorted(numbers, key=number_key) == [
        "GB/T 1.2—2020", "GB/T 1.10—2020", "GB/T 2—2019", "GB/T 2—2020", "GB/T 10—2020"]


def test_heteronyms_of_this_domain():
    """Keys use hooks/model/pinyin.py with tones: the tone orders names of the same syllables."""
    assert pinyin_key("行业标准")[0][:2] == ("hang2", "ye4")
    assert pinyin_key("重大活动")[0][:2] == ("zhong4", "da4")
    assert pinyin_key("公务用车")[0][:2] == ("gong1", "wu4")
    assert pinyin_key("差旅费")[0][:2] == ("chai1", "lv3")
    assert pinyin_key("差旅")[0] == ("chai1", "lv3")
    assert pinyin_key("长效机制")[0][:1] == ("chang2",)
    assert pinyin_key("朝阳")[0] == ("chao2", "yang2")
    assert pinyin_key("GB/T 行业") == (("gb/t", "hang2", "ye4"), "GB/T 行业")


def test_titles_sort_by_pinyin():
    titles = ["重大活动保障", "办公用房", "行业标准", "公务用车", "差旅管理"]
    assert sorted(titles, key=pinyin_key) == ["办公用房", "差旅管理", "公务用车", "行业标准",
                                              "重大活动保障"]


def test_the_three_heteronyms_sort_by_their_domain_reading():
    """差旅 chai, 长效 chang, 朝阳 chao: all before 定额 (ding); pypinyin alone says cha, zhang, zhao."""
    titles = ["朝阳市公务用车", "定额管理", "长效机制建设", "差旅管理", "茶叶"]
    assert sorted(titles, key=pinyin_key) == ["茶叶", "差旅管理", "长效机制建设", "朝阳市公务用车",
                                              "定额管理"]
    assert sorted(["长效机制", "定额管理"], key=pinyin_key) == ["长效机制", "定额管理"]
    assert sorted(["朝阳", "定额"], key=pinyin_key) == ["朝阳", "定额"]


def test_level_and_status_ranks_follow_the_model_order_unknown_last():
    assert [level_rank(lv) for lv in LEVELS] == list(range(len(LEVELS)))
    assert [status_rank(st) for st in STATUSES] == list(range(len(STATUSES)))
    assert level_rank("其他标准") == len(LEVELS)
    assert status_rank("未知") == len(STATUSES)
