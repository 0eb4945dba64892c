"""Which standards this site maintains (本站负责复审的标准).

A site publishes its own standards beside national, sector and other bodies' standards. Only its
own are reviewed by its editors: those get the 复审 due date, the countdown, the 复审提醒 list and
the `review-overdue` warning; an outside standard's page shows facts only (its issuing body
reviews it).

The setting is `extra.maintained_issuers` in mkdocs.yml: a list of organisations. A standard is
maintained when one of its 发布机构 (`issuer`) or its 提出单位 (`proposer`) is listed. Without the
setting every standard counts as maintained (a site that publishes only its own standards needs
no configuration); with an empty list none does.

Takes the configured names and the loaded standards; fills `Standard.maintained`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hooks.model.standard import Standard

SETTING = "maintained_issuers"
CONFIG_FILE = "mkdocs.yml"


def _name(text: str) -> str:
    """Compare names without surrounding or doubled spaces (half- or full-width)."""
    return " ".join(text.replace("\u3000", " ").split())


def issuers_from_extra(extra: object) -> tuple[str, ...] | None:
    """The names in `extra.maintained_issuers` (a string or a list), None when not set."""
    value = extra.get(SETTING) if hasattr(extra, "get") else None
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    names = (_name(item) for item in items if isinstance(item, str))
    return tuple(dict.fromkeys(n for n in names if n))


def project_issuers(root: Path) -> tuple[str, ...] | None:
    """The setting as written in the project's mkdocs.yml (for `python -m hooks check`, which
    runs without MkDocs); None when there is no mkdocs.yml, it does not set it, or it cannot be
    read (the build reports a broken mkdocs.yml; checking the standards goes on)."""
    path = Path(root) / CONFIG_FILE
    if not path.is_file():
        return None
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import yaml_load  # reads !ENV and INHERIT as MkDocs does

    try:
        with path.open("rb") as handle:
            config = yaml_load(handle) or {}
    except ConfigurationError:
        return None
    return issuers_from_extra(config.get("extra") if isinstance(config, dict) else {})


def is_maintained(std: Standard, issuers: Iterable[str] | None) -> bool:
    if issuers is None:
        return True
    wanted = {_name(n) for n in issuers}
    bodies = [*std.issuer, std.proposer]
    return any(_name(body) in wanted for body in bodies if body)


def derive(standards: list[Standard], issuers: tuple[str, ...] | None) -> None:
    for std in standards:
        std.maintained = is_maintained(std, issuers)
