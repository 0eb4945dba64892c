"""Unit tests for hooks/model/numbers.py (spec section 3: standard numbers)."""

from __future__ import annotations

import pytest

from hooks.model.numbers import (
    PROVINCES,
    SECTOR_CODES,
    NumberError,
    StandardNumber,
    normalise_number,
    number_key,
    parse_number,
)

N, H, D, T, Q, J = "国家标准", "行业标准", "地方标准", "团体标准", "企业标准", "工程建设标准"

GOOD = [
    # national: every accepted spelling
    ("GB/T 41568—2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T 41568-2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T41568-2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T 41568‐2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T 41568‑2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T 41568–2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T 41568－2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB/T 41568―2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("ＧＢ／Ｔ　４１５６８—２０２２", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("ＧＢ／Ｔ ４１５６８－２０２２", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    (" gb/t 41568 - 2022 ", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB / T  41568 —  2022", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB\u00a0/T\t41568-2022\n", "GB/T 41568—2022", "gb-t-41568-2022", N, None),
    ("GB41568—2022", "GB 41568—2022", "gb-41568-2022", N, None),
    ("GB 20891-2014", "GB 20891—2014", "gb-20891-2014", N, None),
    ("GB/Z 12345-2019", "GB/Z 12345—2019", "gb-z-12345-2019", N, None),
    ("GB/T 1.1-2020", "GB/T 1.1—2020", "gb-t-1.1-2020", N, None),
    ("GB/T1.1—2020", "GB/T 1.1—2020", "gb-t-1.1-2020", N, None),
    ("GB/T 15629.11-2003", "GB/T 15629.11—2003", "gb-t-15629.11-2003", N, None),
    ("GB/T 13008-91", "GB/T 13008—91", "gb-t-13008-91", N, None),
    # industry, incl. engineering-construction codes, /Z and old mandatory form
    ("JGJ 67-2019", "JGJ 67—2019", "jgj-67-2019", H, None),
    ("JGJ/T 67-2019", "JGJ/T 67—2019", "jgj-t-67-2019", H, None),
    ("CJJ/T 85-2017", "CJJ/T 85—2017", "cjj-t-85-2017", H, None),
    ("DA/T 22-2015", "DA/T 22—2015", "da-t-22-2015", H, None),
    ("ws/t 367—2012", "WS/T 367—2012", "ws-t-367-2012", H, None),
    ("GA 36-2018", "GA 36—2018", "ga-36-2018", H, None),
    ("SJ/Z 11352-2006", "SJ/Z 11352—2006", "sj-z-11352-2006", H, None),
    ("JT/T1045-2016", "JT/T 1045—2016", "jt-t-1045-2016", H, None),
    ("DB/T 19-2020", "DB/T 19—2020", "db-t-19-2020", H, None),
    ("NB/SH/T 0001-2019", "NB/SH/T 0001—2019", "nb-sh-t-0001-2019", H, None),
    # local: province and city, old form without /T
    ("DB42/T 1234-2020", "DB42/T 1234—2020", "db42-t-1234-2020", D, "湖北"),
    ("DB64/T 1773—2021", "DB64/T 1773—2021", "db64-t-1773-2021", D, "宁夏"),
    ("DB4203/T 131-2018", "DB4203/T 131—2018", "db4203-t-131-2018", D, "湖北"),
    ("db4203/t131-2018", "DB4203/T 131—2018", "db4203-t-131-2018", D, "湖北"),
    ("DB3303/T 063-2023", "DB3303/T 063—2023", "db3303-t-063-2023", D, "浙江"),
    ("ＤＢ５３２８／Ｔ　３１—２０２４", "DB5328/T 31—2024", "db5328-t-31-2024", D, "云南"),
    ("DB 11/T 1234-2015", "DB11/T 1234—2015", "db11-t-1234-2015", D, "北京"),
    ("DB65/T 4321-2021", "DB65/T 4321—2021", "db65-t-4321-2021", D, "新疆"),
    ("DB37 123-2005", "DB37 123—2005", "db37-123-2005", D, "山东"),
    ("DB4419 7-2010", "DB4419 7—2010", "db4419-7-2010", D, "广东"),
    # group
    ("T/CAS 290-2017", "T/CAS 290—2017", "t-cas-290-2017", T, None),
    ("T/CAS290-2017", "T/CAS 290—2017", "t-cas-290-2017", T, None),
    ("T/CNESA 1006—2021", "T/CNESA 1006—2021", "t-cnesa-1006-2021", T, None),
    ("t / cecs 580-2019", "T/CECS 580—2019", "t-cecs-580-2019", T, None),
    ("T/ABC12 001-2020", "T/ABC12 001—2020", "t-abc12-001-2020", T, None),
    # enterprise
    ("Q/GDW 1168-2013", "Q/GDW 1168—2013", "q-gdw-1168-2013", Q, None),
    ("Q/GDW1168-2013", "Q/GDW 1168—2013", "q-gdw-1168-2013", Q, None),
    ("Q/12HD 4056-2019", "Q/12HD 4056—2019", "q-12hd-4056-2019", Q, None),
    # engineering construction (建标) and unknown codes (level None → 单位内部标准)
    ("建标 169-2014", "建标 169—2014", "jianbiao-169-2014", J, None),
    ("建标169—2014", "建标 169—2014", "jianbiao-169-2014", J, None),
    ("SLJG 001—2023", "SLJG 001—2023", "sljg-001-2023", None, None),
    ("JGSW 05.002-2024", "JGSW 05.002—2024", "jgsw-05.002-2024", None, None),
    ("jgsw05.002－2024", "JGSW 05.002—2024", "jgsw-05.002-2024", None, None),
]


@pytest.mark.parametrize(("text", "canonical", "slug", "level", "region"), GOOD)
def test_parse_good(
    text: str, canonical: str, slug: str, level: str | None, region: str | None
) -> None:
    number = parse_number(text)
    assert number.canonical == canonical
    assert number.slug == slug
    assert number.level == level
    assert number.region == region
    assert normalise_number(text) == canonical
    assert str(number) == canonical
    # canonical and slug are stable: re-parsing the canonical form gives the same number
    assert parse_number(canonical) == number


def test_fields() -> None:
    number = parse_number("DB4203/T 131-2018")
    assert number == StandardNumber(
        code="DB4203/T",
        seq="131",
        year="2018",
        level="地方标准",
        region_code="4203",
        region="湖北",
        mandatory=False,
    )
    assert parse_number("DB42/T 1-2020").region_code == "42"
    assert parse_number("DB3303/T 063-2023").seq == "063"
    assert parse_number("GB/T 13008-91").year == "91"


@pytest.mark.parametrize(
    ("text", "mandatory"),
    [
        ("GB 20891-2014", True),
        ("GB20891—2014", True),
        ("GB/T 41568-2022", False),
        ("GB/Z 12345-2019", False),
        ("GA 36-2018", False),
        ("DB37 123-2005", False),
        ("DB42/T 1-2020", False),
        ("T/CAS 290-2017", False),
    ],
)
def test_mandatory(text: str, mandatory: bool) -> None:
    assert parse_number(text).mandatory is mandatory


BAD = [
    ("", "number-format"),
    ("   ", "number-format"),
    ("GB/T 41568", "number-format"),  # no year
    ("GB/T", "number-format"),  # no digits
    ("GB/T 41568 2022", "number-format"),  # no dash before the year
    ("41568-2022", "number-format"),  # no code
    ("GB/T 41568—2022。", "number-format"),  # junk character
    ("GB/T 41568#-2022", "number-format"),
    ("GB/T 41568-202", "number-format"),  # three-digit year
    ("GB/T 41568-1850", "number-format"),  # implausible year
    ("GB/T 41568--2022", "number-format"),
    ("GB/T 41568-2022/XG1-2023", "number-format"),  # amendment, not a standard
    ("JTG D60-2015", "number-format"),  # letter inside the number
    ("GB/T 41568\u200b-2022", "number-format"),  # zero-width space
    ("\ufeffGB/T 41568-2022", "number-format"),  # BOM
    ("GB/T 4156\u200d8-2022", "number-format"),  # zero-width joiner
    ("\u202eGB/T 41568-2022", "number-format"),  # right-to-left override
    ("GB/T 41568-2022\u2066", "number-format"),  # isolate
    ("GB/T\u20604156-2022", "number-format"),  # word joiner
    ("DB42131-2018", "number-format"),  # DB without region separation or /T
    ("DB99/T 1-2020", "number-region"),
    ("DB71/T 1-2020", "number-region"),  # Taiwan issues no DB standards
    ("DB66/T 1-2020", "number-region"),
    ("DB9903/T 1-2020", "number-region"),
    ("DB423/T 1-2020", "number-region"),
    ("DB4200/T 1-2020", "number-region"),
    ("DB99 123-2005", "number-region"),
]


@pytest.mark.parametrize(("text", "rule"), BAD)
def test_parse_bad(text: str, rule: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    error = caught.value
    assert error.rule == rule
    assert isinstance(error, ValueError)
    assert error.message and error.hint
    assert error.message in str(error)


def test_error_texts() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number("XX")
    assert caught.value.message == "标准号“XX”无法识别"
    assert caught.value.hint == "标准号应写作“代号 顺序号—年号”，如 GB/T 41568—2022"

    with pytest.raises(NumberError) as caught:
        parse_number("DB99/T 1-2020")
    assert "DB99" in caught.value.message
    assert "GB/T 2260" in caught.value.hint and "42 湖北" in caught.value.hint

    with pytest.raises(NumberError) as caught:
        parse_number("GB/T 41568\u200b—2022")
    assert "重新输入" in caught.value.hint
    assert "\u200b" not in caught.value.message


def test_number_key_order() -> None:
    ordered = [
        "GB/T 1.1-2020",
        "GB/T 1.2-2020",
        "GB/T 1.10-2020",
        "GB/T 2-2001",
        "GB/T 10-1988",
        "GB/T 13008-91",
        "GB/T 13008-2010",
        "GB/T 15629.2-2003",
        "GB/T 15629.11-2003",
        "GB/T 41568-2022",
    ]
    shuffled = list(reversed(ordered))
    assert sorted(shuffled, key=number_key) == ordered
    # spellings do not matter; numbers and strings give the same key
    assert number_key("gb/t41568－2022") == number_key(parse_number("GB/T 41568—2022"))
    # the code sorts first
    assert number_key("GB 99-2020") < number_key("GB/T 1-2020")
    assert number_key("DB42/T 9-2020") < number_key("DB42/T 10-2019")


def test_data_files() -> None:
    assert PROVINCES["11"] == "北京"
    assert PROVINCES["42"] == "湖北"
    assert PROVINCES["65"] == "新疆"
    assert len(PROVINCES) == 31
    assert not {"66", "71", "81", "82"} & PROVINCES.keys()
    assert all(len(code) == 2 and code.isdigit() for code in PROVINCES)
    assert len(SECTOR_CODES) >= 70
    for code, name in {
        "JGJ": "建筑工程",
        "CJJ": "城镇建设工程",
        "DA": "档案",
        "WS": "卫生",
        "GA": "公共安全",
        "JT": "交通",
    }.items():
        assert SECTOR_CODES[code] == name
    assert all(code.isascii() and code.isupper() for code in SECTOR_CODES)
    assert "GB" not in SECTOR_CODES and "T" not in SECTOR_CODES and "Q" not in SECTOR_CODES
