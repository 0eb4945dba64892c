"""Open a draft: refuse anything that is not a readable .docx, in one line that says what to do.

The file's first bytes decide, not its name: a .doc or .wps (and an encrypted .docx) is an OLE2
compound file (D0 CF 11 E0 A1 B1 1A E1); a .docx is a zip holding word/document.xml. Renamed
files, OpenDocument (.odt), RTF, PDF, text and truncated zips each get their own message; a
.docx that python-docx cannot read (a broken part, bad XML, a macro-enabled .docm) gets one line
too, never a traceback.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
SAVE_AS = "请在 Word 或 WPS 中打开它，“另存为”Word 文档（*.docx）后再导入"
MAIN_PART = "word/document.xml"


EXIT_TARGET = 1  # the draft was read, but the file was not written (it exists, number in use)
EXIT_INPUT = 2  # the draft cannot be read, or no number: nothing was written


class DraftError(Exception):
    """The draft cannot be imported; the message is one line for the editor."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _kind(head: bytes) -> str | None:
    """What a non-.docx file is, from its first bytes (None: maybe a zip)."""
    if head.startswith(OLE2):
        return ("这是 Word 97-2003（.doc）或 WPS 文字（.wps）格式的文件，不是 .docx"
                "（设置了打开密码的 .docx 也是这种格式：请先取消密码）")
    if head.startswith(ZIP):
        return None
    if head.lstrip().startswith(b"{\\rtf"):
        return "这是 RTF 格式的文件，不是 .docx"
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件，不能导入：请找到 Word 原稿；只有 PDF 时，先用 WPS 或 Word 转为 .docx"
    if b"MIME-Version" in head or head.lstrip().lower().startswith((b"<html", b"<!doctype")):
        return "这是网页格式（.mht/.html）的文件，不是 .docx"
    return "这不是 .docx 文件（Word 2007 及以后的格式）"


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if MAIN_PART in names:
                return
            if "mimetype" in names and b"opendocument" in package.read("mimetype"):
                raise DraftError(f"这是 OpenDocument（.odt）格式的文件，不是 .docx：{SAVE_AS}")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        if isinstance(exc, FileNotFoundError | PermissionError):
            raise
        raise DraftError("文件已损坏（不是完整的 .docx 压缩包，可能没有下载或复制完整）："
                         "请重新获取原稿，或在 Word 或 WPS 中打开后重新保存为 .docx") from None
    raise DraftError(f"这是一个压缩包，但不是 Word 文档（没有 {MAIN_PART}）：{SAVE_AS}")


def sniff(path: Path) -> None:
    """Raise DraftError unless `path` looks like a .docx (a zip holding word/document.xml)."""
    if not path.exists():
        raise DraftError("找不到文件：请检查路径是否写对")
    if path.is_dir():
        raise DraftError("这是一个目录，不是文件：请给出 .docx 文件的路径")
    with path.open("rb") as stream:
        head = stream.read(512)
    if not head:
        raise DraftError("文件是空的（0 字节）：请重新获取原稿")
    kind = _kind(head)
    if kind is not None:
        raise DraftError(f"{kind}：{SAVE_AS}")
    _check_zip(path)


def open_document(path: Path) -> Document:
    """The python-docx Document of a .docx; DraftError (one line) for anything else."""
    sniff(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        return docx.Document(str(path))
    except ValueError as exc:
        if "content type" in str(exc):  # .docm, .dotx, .dotm: not a plain Word document
            raise DraftError("这是启用宏的文档或模板（.docm/.dotx），不是 .docx："
                             f"{SAVE_AS}") from None
        raise DraftError(f"文件已损坏，无法读取（{exc}）：请在 Word 或 WPS 中打开后重新保存为 .docx"
                         ) from None
    except (PackageNotFoundError, KeyError, XMLSyntaxError, zipfile.BadZipFile, zlib.error,
            EOFError, AttributeError, TypeError, IndexError) as exc:
        # python-docx reads the package's parts on opening: a broken part surfaces as any of these
        reason = type(exc).__name__
        raise DraftError(f"文件已损坏，无法读取（{reason}）：请在 Word 或 WPS 中打开后重新保存为 .docx"
                         ) from None
