"""Synthetic corpora for benchmarks: N valid standards of about K KB of GB/T 1.1-shaped Chinese.

    python -m bench.synth DEST --n 1000 --kb 20 [--seed 1] [--vocab small]

writes DEST/standards/framework.yml (the shipped framework) and DEST/standards/<slug>.md
(and with --articles A, A articles under DEST/docs/news/ citing them).
Everything is deterministic in (n, kb, seed); standard i is the same whatever n is, so the
N = 100 corpus is a prefix of the N = 1,000 one. Dates are chosen around the fixture build day
2026-11-27, so a build with that SOURCE_DATE_EPOCH sees every status: 现行, 即将实施 (issued in
2026, effective in 2027), 被代替 (edition chains: every 8th standard replaces the one before it)
and 废止.

--vocab small (default: bench) makes a corpus like a real 机关事务 one, where common words hit many
standards (as 节能 or 管理 do): each body also draws on SHARED_VOCAB_DRAW words of every topic (so a
topic word such as 能源审计 is in hundreds of standards), and every third standard names one rare
body-only term of RARE_TERMS (a few hits each, like 电梯清查). The default corpus is unchanged.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from hooks.model.numbers import parse_number  # noqa: E402

FRAMEWORK = REPO / "standards" / "framework.yml"

# Topic → (framework node, words typical of it). Titles and bodies draw on these.
TOPICS: dict[str, tuple[str, list[str]]] = {
    "机关事务管理术语": ("01.01", ["术语", "定义", "机关事务", "标准体系", "分类"]),
    "机关事务标准化工作": ("01.02", ["标准化", "标准实施", "监督检查", "评价", "持续改进"]),
    "机关运行经费": ("02.01", ["经费", "预算", "支出标准", "定额", "绩效"]),
    "机关事务财务结算": ("02.02", ["核算", "结算", "票据", "财务监督", "审计"]),
    "办公用房": ("03.01", ["办公用房", "权属登记", "调配使用", "维修", "处置利用"]),
    "公务用车": ("03.02", ["公务用车", "车辆调度", "驾驶员", "用车申请", "里程", "维修保养"]),
    "公物仓": ("03.03", ["公物仓", "通用资产", "办公设备", "家具", "入库", "出库"]),
    "公共机构能耗定额": ("04.01", ["能耗定额", "能源消耗", "单位建筑面积", "人均能耗", "节能"]),
    "公共机构能源资源计量": ("04.02", ["计量器具", "能源统计", "分项计量", "数据报送", "节能"]),
    "公共机构能源管理": ("04.03", ["能源审计", "能源管理体系", "绩效评价", "节能改造", "合同能源管理"]),
    "公共机构节水": ("04.04", ["节水", "用水定额", "节水器具", "雨水利用", "漏损"]),
    "节约型机关": ("04.05", ["节约型机关", "绿色办公", "垃圾分类", "反食品浪费", "节能"]),
    "会议服务": ("05.01", ["会议服务", "会场布置", "会务保障", "视频会议", "签到"]),
    "公务接待": ("05.02", ["接待", "公函", "住宿", "工作餐", "接待清单"]),
    "机关物业服务": ("05.03", ["物业", "保洁", "秩序维护", "设施设备", "维修"]),
    "机关食堂": ("05.04", ["食堂", "食品安全", "餐饮服务", "留样", "反食品浪费"]),
    "机关绿化": ("05.05", ["绿化", "养护", "修剪", "病虫害防治", "环境美化"]),
    "后勤服务评价": ("05.06", ["满意度", "测评", "投诉处理", "服务评价", "持续改进"]),
    "机关事务政府采购": ("06.01", ["采购", "采购需求", "履约验收", "供应商", "合同管理"]),
    "机关事务数字化": ("06.02", ["信息平台", "数据共享", "数字化", "网上办理", "调度"]),
}
# English titles (title_en), drawn from the Chinese title without using the random streams.
TOPICS_EN = {
    "机关事务管理术语": "terminology of government offices administration",
    "机关事务标准化工作": "standardization of government offices administration",
    "机关运行经费": "operating expenses of government offices",
    "机关事务财务结算": "financial settlement of government offices administration",
    "办公用房": "office space", "公务用车": "official vehicles", "公物仓": "public property warehouse",
    "公共机构能耗定额": "energy consumption quota of public institutions",
    "公共机构能源资源计量": "energy and resource metering of public institutions",
    "公共机构能源管理": "energy management of public institutions",
    "公共机构节水": "water saving of public institutions", "节约型机关": "conservation-oriented offices",
    "会议服务": "meeting services", "公务接待": "official reception",
    "机关物业服务": "property services of government offices", "机关食堂": "government office canteens",
    "机关绿化": "landscaping of government offices", "后勤服务评价": "evaluation of logistics services",
    "机关事务政府采购": "government procurement of offices administration",
    "机关事务数字化": "digitalization of government offices administration",
}
SUFFIXES_EN = {
    "服务规范": "Service specification for", "管理规范": "Management specification for",
    "工作指南": "Guidelines for", "技术要求": "Technical requirements for",
    "评价规范": "Evaluation specification for", "操作规程": "Operating procedures for",
    "通用要求": "General requirements for", "建设规范": "Construction specification for",
    "运行管理规范": "Operation management specification for",
    "服务质量要求": "Service quality requirements for",
}
SUFFIXES = ["服务规范", "管理规范", "工作指南", "技术要求", "评价规范", "操作规程", "通用要求",
            "建设规范", "运行管理规范", "服务质量要求"]
COMMON = ["机关事务管理机构", "服务单位", "使用单位", "管理制度", "服务人员", "台账", "记录",
          "安全", "节能", "应急预案", "信息化", "调度", "维修", "采购", "档案", "培训",
          "服务质量", "岗位职责", "监督检查", "考核"]
ORGS = ["机关事务管理局", "机关事务服务中心", "后勤服务中心", "公共机构节能管理办公室",
        "标准化研究院", "物业服务有限公司", "机关服务中心", "机关事务标准化技术委员会"]
PLACES = ["北京市", "上海市", "浙江省", "湖北省", "广东省", "四川省", "山东省", "陕西省",
          "云南省", "河南省", "江苏省", "福建省"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"]
VERBS = ["应建立", "应制定", "应定期开展", "宜采用", "应配备", "应落实", "应做好", "应明确",
         "应加强", "宜推行", "应按规定执行", "不应擅自变更"]
ADVERBS = ["及时", "规范", "定期", "按需", "统一", "分类", "严格", "全面"]
TAILS = ["并形成书面记录", "确保服务过程可追溯", "做到账实相符", "并报机关事务管理机构备案",
         "接受使用单位监督", "保证安全、节约、高效", "符合国家和地方有关规定",
         "每年至少开展一次", "发现问题及时整改", "相关资料保存不少于三年"]
REFERENCE_POOL = ["GB/T 1.1—2020 标准化工作导则　第1部分：标准化文件的结构和起草规则",
                  "GB/T 41568—2022 机关事务管理 术语", "GB/T 29118—2023 公共机构能源资源计量器具配备和管理要求",
                  "GB/T 30260—2013 公共机构能源资源管理绩效评价导则", "GB/T 37813—2019 公共机构能源资源消费统计",
                  "GB/T 40498—2021 公共机构节约能源资源管理 术语", "GB 2894 安全标志及其使用导则",
                  "GB 31654 食品安全国家标准 餐饮服务通用卫生规范", "GB/T 20647.9 社区服务指南 第9部分：物业服务"]
# Province codes (GB/T 2260) with a few real prefecture-level city codes.
PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65"]
CITIES = ["1101", "1302", "1411", "3201", "3303", "3502", "3702", "4103", "4203", "4419", "5101",
          "5328", "6101", "6103"]
GROUPS = ["CAS", "CGOA", "ZJGS", "SDGS", "CSPSTC", "BJJG", "HBJG"]
SECTORS = ["JGJ/T", "DA/T", "WS/T", "GA/T", "JT/T", "MZ/T", "SB/T"]
INTERNAL_CODES = ["SLJG", "JGSW", "SJGF", "HQFW"]
VOCABS = ("bench", "small")
# --vocab small: every topic's words, shared by all bodies, and rare body-only terms.
SHARED_VOCAB = list(dict.fromkeys(w for _, words in TOPICS.values() for w in words))
SHARED_VOCAB_DRAW = 16
RARE_TERMS = ["电梯清查", "锅炉年检", "档案数字化清查", "消防通道巡查", "配电房巡检", "水箱清洗",
              "化粪池清掏", "屋面防水检修", "外墙清洗", "中央空调清洗", "地下车库照明改造",
              "光伏发电并网", "充电桩运维", "餐厨垃圾收运", "直饮水检测", "电梯困人演练",
              "门禁系统升级", "安防监控巡检", "电动车棚整治", "绿植租摆", "会议室声学改造",
              "公务用车定位", "燃气管道检测", "避雷设施检测", "白蚁防治", "二次供水检测",
              "食堂油烟净化", "节水器具更换", "路灯节能改造", "报废资产拍卖"]
BUILD_DAY = date(2026, 11, 27)
CHAIN_EVERY = 8  # standard i (i % 8 == 7) is the next edition of standard i-1


def _num(rng: random.Random, i: int) -> tuple[str, str | None]:
    """A unique number for standard i (without year) and the level to write, if any."""
    kind = rng.random()
    seq = 100 + i  # unique per i
    if kind < 0.22:
        return f"GB/T {30000 + seq}", None
    if kind < 0.25:
        return f"GB {20000 + seq}", None
    if kind < 0.32:
        return f"{rng.choice(SECTORS)} {seq}", None
    if kind < 0.57:
        return f"DB{rng.choice(PROVINCES)}/T {seq}", None
    if kind < 0.70:
        return f"DB{rng.choice(CITIES)}/T {seq}", None
    if kind < 0.84:
        return f"T/{rng.choice(GROUPS)} {seq}", None
    return f"{rng.choice(INTERNAL_CODES)} {seq:03d}", "单位内部标准"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _sentence(rng: random.Random, words: list[str]) -> str:
    subject = rng.choice(["服务单位", "机关事务管理机构", "使用单位", "管理部门", "服务人员"])
    obj = rng.choice(words) + rng.choice(["管理制度", "工作流程", "台账", "服务标准", "检查记录",
                                          "应急预案", "岗位职责", "考核办法", ""])
    also = rng.choice(COMMON)
    return (f"{subject}{rng.choice(VERBS)}{obj}，{rng.choice(ADVERBS)}做好{also}工作，"
            f"{rng.choice(TAILS)}。")


def _paragraph(rng: random.Random, words: list[str], n: int) -> str:
    return "".join(_sentence(rng, words) for _ in range(n))


def _table(rng: random.Random, words: list[str]) -> str:
    rows = ["| 序号 | 项目 | 要求 | 频次 |", "|---|---|---|---|"]
    for k in range(1, rng.randint(4, 7) + 1):
        rows.append(f"| {k} | {rng.choice(words)}{rng.choice(['检查', '记录', '维护', '评价'])} "
                    f"| {rng.choice(ADVERBS)}开展，{rng.choice(TAILS)} "
                    f"| {rng.choice(['每日', '每周', '每月', '每季度', '每年'])} |")
    return "\n".join(rows)


def body(rng: random.Random, topic: str, words: list[str], kb: int, org: str) -> str:
    """A GB/T 1.1-shaped text of about `kb` KB (UTF-8)."""
    words = words + COMMON
    refs = rng.sample(REFERENCE_POOL, 3)
    parts = [
        "## 前言",
        "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
        "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
        f"本文件由{org}提出并归口。",
        "## 1 范围",
        f"本文件规定了{topic}的基本要求、管理要求、服务要求和评价与改进。",
        f"本文件适用于各级机关和公共机构的{topic}工作，其他单位可参照执行。",
        "## 2 规范性引用文件",
        "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，"
        "仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
        *refs,
        "## 3 术语和定义",
        "下列术语和定义适用于本文件。",
    ]
    for k, term in enumerate(rng.sample(words, 3), 1):
        parts += [f"### 3.{k} {term}", f"在{topic}中，与{term}有关的{rng.choice(COMMON)}活动及其结果。"]
    target = kb * 1024 - 1500  # leave room for the annex
    chapter = 4
    names = ["基本要求", "管理要求", "服务要求", "安全要求", "节能要求", "信息化要求",
             "监督检查", "评价与改进", "应急处置", "档案管理"]
    table_done = False
    while len("\n\n".join(parts).encode()) < target:
        name = names[(chapter - 4) % len(names)]
        if chapter - 4 >= len(names):
            name = f"{rng.choice(words)}{name}"
        parts.append(f"## {chapter} {name}")
        for s in range(1, rng.randint(2, 4) + 1):
            parts.append(f"### {chapter}.{s} {rng.choice(words)}")
            if rng.random() < 0.5:
                parts.append(_paragraph(rng, words, rng.randint(2, 4)))
            else:
                for c in range(1, rng.randint(2, 4) + 1):
                    parts += [f"#### {chapter}.{s}.{c} {rng.choice(words)}{rng.choice(['管理', '要求', '流程', '记录'])}",
                              _paragraph(rng, words, rng.randint(1, 3))]
            if rng.random() < 0.3:
                parts.append(f"注：{_sentence(rng, words)}")
            if not table_done and chapter >= 5:
                parts += [f"表 {chapter - 4} {rng.choice(words)}检查要求", _table(rng, words)]
                table_done = True
        chapter += 1
    parts += [f"## 附录 A（资料性）{rng.choice(words)}记录表",
              f"### A.1 {rng.choice(words)}登记",
              _paragraph(rng, words, 2),
              "### A.2 记录表格式",
              _table(rng, words)]
    return "\n\n".join(parts) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def standard_text(i: int, kb: int, seed: int = 1, vocab: str = "bench") -> tuple[str, str]:
    """(file name, text) of standard i (vocab: one of VOCABS, see the module docstring)."""
    rng = random.Random(f"{seed}:{i}")
    chained = False
    if i % CHAIN_EVERY == CHAIN_EVERY - 1:  # next edition of standard i-1 if that one is old
        prev_rng = random.Random(f"{seed}:{i - 1}")
        base, level = _num(prev_rng, i - 1)
        prev_year = _year(prev_rng, i - 1)
        chained = prev_year <= 2023
        year = prev_year + rng.randint(1, 2026 - prev_year) if chained else 0
    if not chained:
        base, level = _num(rng, i)
        year = _year(rng, i)
    rng2 = random.Random(f"{seed}:{i}:meta")
    number = f"{base}—{year}"
    slug = parse_number(number).slug
    # A new edition keeps its predecessor's title and domain (same draws as standard i-1).
    title_rng = random.Random(f"{seed}:{i - 1}:meta") if chained else rng2
    topic = list(TOPICS)[title_rng.randrange(len(TOPICS))]
    domain, words = TOPICS[topic]
    title = f"{topic}{title_rng.choice(SUFFIXES)}"
    if chained:
        rng2.randrange(len(TOPICS)), rng2.choice(SUFFIXES)  # keep rng2's sequence aligned
    issued = date(year, rng2.randint(1, 12), rng2.randint(1, 28))
    if year == 2026 and i % 13 == 5:  # upcoming: issued this year, effective next year
        issued = date(2026, rng2.randint(8, 11), rng2.randint(1, 20))
        effective = date(2027, rng2.randint(1, 6), 1)
    else:
        effective = issued + timedelta(days=rng2.choice((0, 30, 90, 182)))
        if effective >= BUILD_DAY and not (year == 2026 and i % 13 == 5):
            effective = issued
    place = rng2.choice(PLACES)
    org = place + rng2.choice(ORGS)
    fm = [
        "---",
        f"number: {_quote(number)}",
        f"title: {_quote(title)}",
        f"title_en: {_quote(SUFFIXES_EN[title[len(topic):]] + ' ' + TOPICS_EN[topic])}",
        f"domain: {_quote(domain)}",
        f"issued: {issued.isoformat()}",
        f"effective: {effective.isoformat()}",
    ]
    if level:
        fm.append(f"level: {level}")
    if chained:
        fm.append(f"replaces: [{_quote(f'{base}—{prev_year}')}]")
    if not chained and i % 37 == 11 and effective.year < 2020:
        fm.append(f"abolished: {date(2024, 6, 30).isoformat()}")
    if i % 5 in (1, 2, 3) and effective.year <= 2021:
        fm.append(f"reviewed: {date(max(effective.year + 3, 2023), 3, 1).isoformat()}")
    fm += [
        f"issuer: {_quote(org)}",
        f"proposer: {_quote(org)}",
        f"responsible: {_quote(place + '机关事务标准化技术委员会')}",
        f"drafters: [{_quote(org)}, {_quote(place + rng2.choice(ORGS))}]",
        f"authors: [{', '.join(_person(rng2) for _ in range(rng2.randint(2, 5)))}]",
        f"ics: \"03.{rng2.choice(['080', '100', '120', '160'])}\"",
        f"ccs: A{rng2.randint(10, 99)}",
        f"keywords: [{', '.join(rng2.sample(words, 3))}]",
        f"summary: {_quote(f'规定了{topic}的基本要求、管理要求、服务要求和评价与改进，适用于各级机关和公共机构。')}",
        "---",
        "",
    ]
    if chained:  # the previous edition's text, revised
        old = standard_text(i - 1, kb, seed, vocab)[1]
        text = revise(old.split("\n---\n", 1)[1], random.Random(f"{seed}:{i}:revise"),
                      words + COMMON, f"{base}—{prev_year}", title)
    elif vocab == "small":
        text = _small_vocab_body(i, seed, rng2, topic, words, kb, org)
    else:
        text = body(rng2, topic, words, kb, org)
    return f"{slug}.md", "\n".join(fm) + text


def _small_vocab_body(i: int, seed: int, rng: random.Random, topic: str, words: list[str], kb: int,
                      org: str) -> str:
    """body() over the topic's words plus words of every topic, and for every third standard one
    rare term in chapter 4 (its own random stream, so the metadata draws stay as in bench)."""
    vrng = random.Random(f"{seed}:{i}:vocab")
    shared = vrng.sample([w for w in SHARED_VOCAB if w not in words], SHARED_VOCAB_DRAW)
    text = body(rng, topic, words + shared, kb, org)
    if i % 3 == 0:
        rare = RARE_TERMS[vrng.randrange(len(RARE_TERMS))]
        text = text.replace("## 4 基本要求\n\n", f"## 4 基本要求\n\n服务单位应按计划组织{rare}工作，"
                            f"{vrng.choice(TAILS)}。\n\n", 1)
    return text


def revise(text: str, rng: random.Random, words: list[str], old_number: str, title: str) -> str:
    """A new edition of `text`: most clauses kept, some reworded, a few added or dropped."""
    blocks = text.split("\n\n")
    out: list[str] = []
    for block in blocks:
        heading = block.startswith("#")
        r = rng.random()
        if not heading and block.endswith("。") and r < 0.04:
            continue  # dropped
        if not heading and block.endswith("。") and r < 0.20:  # reworded
            block = block.replace(rng.choice(words), rng.choice(words), 1) + _sentence(rng, words)
        out.append(block)
        if block == "## 前言":
            out.append(f"本文件代替{old_number}《{title}》，与{old_number}相比，除结构调整和"
                       "编辑性改动外，主要技术变化如下：更改了管理要求；增加了评价与改进的要求。")
        elif not heading and block.endswith("。") and r > 0.95:
            out.append(_paragraph(rng, words, 2))  # added
    return "\n\n".join(out)


def _year(rng: random.Random, i: int) -> int:
    return 2010 + (i * 7 + rng.randrange(3)) % 17  # 2010 … 2026


def generate(dest: Path, n: int, kb: int, seed: int = 1, vocab: str = "bench") -> None:
    """Write dest/standards/framework.yml and n standards of about kb KB each."""
    standards = Path(dest) / "standards"
    standards.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FRAMEWORK, standards / "framework.yml")
    for i in range(n):
        name, text = standard_text(i, kb, seed, vocab)
        (standards / name).write_text(text, encoding="utf-8")


ARTICLE_CATEGORIES = ("标准解读", "工作动态", "试点示范", "政策文件")


def generate_articles(dest: Path, count: int, seed: int = 1) -> None:
    """Write `count` articles (docs/news/<year>/a<i>.md, about 2 KB each) citing one to three of
    the standards already under dest/standards/ (deterministic in count and seed)."""
    rng = random.Random(seed * 7919 + count)
    numbers = []
    for path in sorted((Path(dest) / "standards").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:6]:
            if line.startswith("number:"):
                numbers.append(line.split(":", 1)[1].strip().strip('"'))
    news = Path(dest) / "docs" / "news"
    shutil.rmtree(news, ignore_errors=True)  # the repository's sample articles cite other numbers
    topics = list(TOPICS.items())
    for i in range(count):
        topic, (_, words) = topics[i % len(topics)]
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(3200))
        cited = rng.sample(numbers, k=min(len(numbers), 1 + i % 3)) if numbers else []
        body = "\n\n".join(f"## {k + 1} {rng.choice(words)}\n\n" + _paragraph(rng, words, 4)
                             for k in range(3))
        text = (f"---\ntitle: {topic}工作动态第 {i + 1} 期\ndate: {day.isoformat()}\n"
                f"category: {ARTICLE_CATEGORIES[i % 4]}\n"
                f"standards: [{', '.join(_quote(n) for n in cited)}]\n"
                f"summary: 关于{topic}的{ARTICLE_CATEGORIES[i % 4]}（合成数据，第 {i + 1} 篇）。\n---\n\n{body}\n")
        path = news / str(day.year) / f"a{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=0, help="also write this many articles")
    parser.add_argument("--vocab", choices=VOCABS, default="bench",
                        help="small: common words hit many standards (see above)")
    args = parser.parse_args(argv)
    generate(args.dest, args.n, args.kb, args.seed, args.vocab)
    print(f"{args.n} standards of ~{args.kb} KB in {args.dest / 'standards'}")
    if args.articles:
        generate_articles(args.dest, args.articles, args.seed)
        print(f"{args.articles} articles in {args.dest / 'docs' / 'news'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
