"""The Jinja2 environment for generated HTML fragments (autoescaped: metadata is never trusted)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent.parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["isodate"] = lambda d: d.isoformat() if d else ""
    return env


def render(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
