"""Harvest every member: fetch, parse, check against the schema, keep the last good copy.

Each member ends in one of three results:
- `ok`: fetched and valid now; the copy is saved in the cache directory with its harvest time;
- `stale`: this harvest failed (the reason is kept), the last good copy from the cache is used
  and shown with its date;
- `failed`: this harvest failed and there is no usable cached copy; the member has no standards
  on the national site this time.
One member's failure never stops the others; members are fetched a few at a time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from hooks.federate.config import Federation, Member
from hooks.federate.fetch import FetchError, fetch
from hooks.model.pinyin import pinyin

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "catalogue.schema.json"
KNOWN_VERSIONS = (1,)  # catalogue.json format versions this harvester reads
WORKERS = 8
OK, STALE, FAILED = "ok", "stale", "failed"
# What a failed schema keyword means, for the one-line reason (the value itself is not echoed).
SCHEMA_WORDS = {"type": "类型不对", "enum": "取值不在允许的范围内", "const": "取值不对",
                "pattern": "格式不对", "not": "格式不对", "maxLength": "过长", "minLength": "为空或过短",
                "minimum": "数值过小", "anyOf": "类型或格式不对", "additionalProperties": "含有不允许的键"}


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


class CatalogueError(Exception):
    """Why a catalogue is not usable, in Chinese."""


@dataclass
class Harvest:
    member: Member
    result: str  # OK, STALE or FAILED
    data: dict | None  # the catalogue used (None when FAILED)
    harvested: datetime | None  # when the copy used was fetched
    reason: str = ""  # why this harvest failed (STALE, FAILED)

    @property
    def standards(self) -> list[dict]:
        return list(self.data["standards"]) if self.data else []

    def message(self) -> str | None:
        """The one warning line for a member that failed this time, else None."""
        if self.result == OK:
            return None
        name = self.member.name
        if self.result == STALE:
            day = self.harvested.strftime("%Y-%m-%d %H:%M") if self.harvested else "?"
            return f"成员“{name}”：{self.reason}；沿用 {day} 收录的副本（已标为过期）"
        return f"成员“{name}”：{self.reason}；没有可用的缓存，本次未收录其标准"


def member_key(name: str) -> str:
    """A file-name-safe, stable key for a member: pinyin of its name and a short hash."""
    text = "-".join(p.strip() for p in pinyin(name) if p.strip()).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40] or "member"
    return f"{text}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def parse_catalogue(data: bytes) -> dict:
    """The catalogue as a dict if it is JSON of a known format version that fits the schema."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CatalogueError("catalogue.json 不是 UTF-8 编码") from exc
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"catalogue.json 不是有效的 JSON（第 {exc.lineno} 行：{exc.msg}）") from exc
    except RecursionError as exc:
        raise CatalogueError("catalogue.json 嵌套过深") from exc
    if not isinstance(value, dict):
        raise CatalogueError("catalogue.json 应为一个 JSON 对象")
    version = value.get("format_version")
    if version not in KNOWN_VERSIONS or isinstance(version, bool):
        known = "、".join(str(v) for v in KNOWN_VERSIONS)
        raise CatalogueError(f"catalogue.json 的格式版本 {json.dumps(version, ensure_ascii=False)[:40]} "
                             f"不受支持（支持的版本：{known}）")
    error = best_match(validator().iter_errors(value))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "（顶层）"
        if error.validator == "required":
            missing = next((k for k in error.validator_value if k not in error.instance), "?")
            what = f"缺少字段 {missing}"
        else:
            what = SCHEMA_WORDS.get(str(error.validator), "不符合要求")
        raise CatalogueError(f"catalogue.json 不符合 catalogue.schema.json：{where} {what}")
    return value


def _cache_file(fed: Federation, member: Member) -> Path:
    return fed.cache / f"{member_key(member.name)}.json"


def save_copy(fed: Federation, member: Member, data: dict, when: datetime) -> None:
    """Write the good copy atomically (temp file, then rename)."""
    fed.cache.mkdir(parents=True, exist_ok=True)
    record = {"member": member.name, "harvested": when.isoformat(), "source": member.catalogue,
              "catalogue": data}
    fd, tmp = tempfile.mkstemp(dir=fed.cache, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(tmp, _cache_file(fed, member))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_copy(fed: Federation, member: Member) -> tuple[dict, datetime] | None:
    """The last good copy, if there is one that still fits the schema."""
    path = _cache_file(fed, member)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        when = datetime.fromisoformat(record["harvested"])
        data = parse_catalogue(json.dumps(record["catalogue"]).encode("utf-8"))
    except (OSError, ValueError, KeyError, TypeError, CatalogueError):
        return None
    return data, when


def harvest_member(fed: Federation, member: Member, now: datetime) -> Harvest:
    try:
        data = parse_catalogue(fetch(member.catalogue, fed.timeout, fed.max_bytes))
    except (FetchError, CatalogueError) as exc:
        reason = str(exc)
    else:
        with contextlib.suppress(OSError):  # the harvest is good; the cache is for the next failure
            save_copy(fed, member, data, now)
        return Harvest(member, OK, data, now)
    cached = load_copy(fed, member)
    if cached is None:
        return Harvest(member, FAILED, None, None, reason)
    return Harvest(member, STALE, cached[0], cached[1], reason)


def harvest_all(fed: Federation, now: datetime,
                members: Iterable[Member] | None = None) -> list[Harvest]:
    """Every member's harvest, in the order of federation.yml."""
    chosen = list(fed.members if members is None else members)
    with ThreadPoolExecutor(max_workers=min(WORKERS, max(1, len(chosen)))) as pool:
        return list(pool.map(lambda m: harvest_member(fed, m, now), chosen))
