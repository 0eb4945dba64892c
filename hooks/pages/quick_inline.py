"""Skip Python-Markdown's inline patterns for text none of them can match.

Python-Markdown runs every inline pattern (code spans, escapes, links, images, autolinks, raw
HTML, entities, emphasis, footnote references, hard line breaks) over every piece of text in the
tree, each from a Python call of its own, even when the text holds none of the characters a
pattern starts with. A standard's text is mostly plain Chinese sentences: at 1,000 standards
that was a third of all Markdown rendering time.

Every pattern of the configured extensions needs one of a few characters to match: `` ` `` or
`\\` (code spans, escapes), `[` (links, images, references, footnote references), `<` (raw
HTML, autolinks), `&` (entities), `*` or `_` (emphasis), or two spaces before a newline (a hard
line break). Text with none of them comes out of the inline stage exactly as it went in, so
`QuickInlineProcessor` hands it back at once; any other text takes the usual path.

The triggers are known per pattern name (`TRIGGERS`). When an extension registers a pattern
not in that table, the fast path stays off for that Markdown instance and rendering is exactly
Python-Markdown's: adding an extension can make the build slower, never different.
tests/test_quick_inline.py checks that every known pattern needs its triggers (random text
without them never matches) and that whole pages render byte for byte the same either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown import Extension, Markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# Pattern name (Markdown's registry) → characters one of which every match contains.
TRIGGERS: dict[str, str] = {
    "backtick": "`\\",
    "escape": "\\",
    "footnote": "[",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
    "em_strong2": "_",
    "not_strong": "*_",
    "strong": "*_",
    "emphasis": "*_",
    "linebreak": "",  # "  \n": LINE_BREAK below
}
LINE_BREAK = "  \n"


@lru_cache(maxsize=16)
def trigger_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regular expression that finds a place where one of the named patterns could match,
    or None when a name is unknown (then every text must take the usual path)."""
    if any(name not in TRIGGERS for name in names):
        return None
    chars = "".join(sorted({c for name in names for c in TRIGGERS[name]}))
    alternatives = [f"[{re.escape(chars)}]"] if chars else []
    if "linebreak" in names:
        alternatives.append(re.escape(LINE_BREAK))
    return re.compile("|".join(alternatives) or "(?!)")


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline stage, which returns text without any trigger untouched."""

    triggers: re.Pattern[str] | None = None

    def run(self, tree, ancestors=None):
        # The patterns as they are now, every extension loaded (whatever the order they came in).
        self.triggers = trigger_pattern(tuple(item.name for item in self.md.inlinePatterns._priority))
        return super().run(tree, ancestors)

    # InlineProcessor calls `self.__handleInline` (name-mangled) for every text and tail; this
    # is that method, answering first when no pattern can match.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if self.triggers is not None and (
                isinstance(data, AtomicString) or self.triggers.search(data) is None):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


class QuickInlineExtension(Extension):
    """Python-Markdown's inline stage replaced by QuickInlineProcessor, at the same priority."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if "inline" not in md.treeprocessors or type(md.treeprocessors["inline"]) is not InlineProcessor:
            return  # another extension replaced the stage: leave it be
        priority = next(p.priority for p in md.treeprocessors._priority if p.name == "inline")
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", priority)

    def __repr__(self) -> str:  # stable across rebuilds: part of hooks/render_cache.py's key
        return f"{__name__}.QuickInlineExtension"
