"""Saving an openpyxl workbook reproducibly: fixed document times and zip entry dates.

openpyxl stamps "now" into docProps/core.xml and every zip entry; two builds with the same
SOURCE_DATE_EPOCH must give byte-identical files, so both are rewritten from `stamp`.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

from openpyxl import Workbook

from hooks.model.dates import SHANGHAI

CREATOR = "机关事务标准公开平台"


def reproducible_xlsx(wb: Workbook, stamp: datetime, title: str) -> bytes:
    """The workbook's bytes; `stamp` (aware, or naive meaning Asia/Shanghai) dates everything."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=SHANGHAI)
    utc = stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.created = utc
    wb.properties.modified = utc
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = None
    wb.properties.title = title
    buffer = io.BytesIO()
    wb.save(buffer)
    local = max(stamp.astimezone(SHANGHAI).replace(tzinfo=None), datetime(1980, 1, 1))
    return _fixed_zip(buffer.getvalue(), local, utc.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _fixed_zip(data: bytes, local: datetime, utc_iso: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)",
                                  rf"\g<1>{utc_iso}\g<2>", text)
                body = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=local.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()
