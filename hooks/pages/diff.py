"""Edition diff (条文对照): align two texts clause by clause, then diff aligned clauses word by word.

1. `clauses(body)` takes a standard's clauses from hooks.model.clauses (the page's headings of
   level 2 and deeper: a `#` line in a code block is not one) and splits the text of each into
   blocks: paragraphs, list items, table rows.
2. `align(old, new)` pairs clauses: same title (unique) first, so moved and renumbered clauses
   are found; then same number with a similar title or text (retitled); then any remaining
   pair whose title or text is similar enough. Unpaired new clauses whose text comes from an old
   clause are 拆分 (split off), unpaired old clauses whose text went into a new clause are 合并;
   a heading-only chapter whose subclauses went to several new chapters is 拆分 too.
3. `inline_diff(a, b)` compares two blocks on tokens (one CJK character, or one ASCII word or
   number), with difflib.SequenceMatcher, and folds tiny equal runs between changes into the
   change so the highlights read as words rather than scattered characters; `redline(a, b)` is
   the same comparison as one run (deleted then inserted words in place), which is what the
   changes page shows: each paragraph once (`runs`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from hooks.model.clauses import clause_tree

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[./][A-Za-z0-9]+)*|\s+|.", re.S)
_BULLET = re.compile(r"^[-*+]\s+")
_RULE = re.compile(r"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_ANNEX_KIND = re.compile(r"^[（(]\s*(规范性|资料性)\s*[）)]\s*")

SAME_TITLE = 1.0
TITLE_SIMILAR = 0.6
TEXT_SIMILAR = 0.6
RENAMED_TEXT = 0.45  # same number, different title: pair if the text is at least this similar
CONTAINED = 0.6  # share of a clause's text found in another clause to call it split / merged
BLOCK_SIMILAR = 0.4
TINY_EQUAL = 2  # equal runs of at most this many tokens between changes are folded in


@dataclass
class Clause:
    number: str | None  # "5.2", "A", "A.1"; None for 前言 and other unnumbered headings
    title: str  # heading text after the number, e.g. "会议预订"
    heading: str  # the heading as written
    level: int  # Markdown heading level
    anchor: str  # the anchor of the heading on the standard's page
    blocks: list[str] = field(default_factory=list)
    index: int = 0
    parent: Clause | None = None

    @property
    def key(self) -> str:
        return self.number or self.title

    @property
    def label(self) -> str:
        if self.number and self.number.isalpha():
            return f"附录 {self.number} {self.title}".strip()
        return f"{self.number} {self.title}".strip() if self.number else self.title

    @property
    def ref(self) -> str:
        """How a reader cites the clause: its number ("5.2", "附录 A"), else its title."""
        if self.number:
            return f"附录 {self.number}" if self.number.isalpha() else self.number
        return self.title

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)

    @property
    def top(self) -> Clause:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


def _title(heading: str, number: str | None) -> str:
    text = unicodedata.normalize("NFKC", heading).strip()
    if number:
        text = re.sub(r"^附\s*录\s*", "", text) if number.isalpha() else text
        text = text[len(number):] if text.startswith(number) else text
        text = _ANNEX_KIND.sub("", text.strip())
    return text.strip()


def clauses(body: str, body_line: int = 1) -> list[Clause]:
    """The clauses of a Markdown text, in order; text before the first heading is dropped.
    (`body_line`, the file line of the body, shares the tree `Standard.clauses` holds.)

    A `#` (level 1) heading does not start a clause here: its line is text of the clause
    before it, as any other line."""
    found: list[Clause] = []
    stack: list[Clause] = []
    current: Clause | None = None
    rows: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if current is not None and paragraph:
            current.blocks.append(" ".join(s.strip() for s in paragraph).strip())
        paragraph.clear()

    for clause in clause_tree(body, body_line):
        lines = clause.markdown.split("\n") if clause.markdown else []
        if clause.level >= 2:
            flush()
            while stack and stack[-1].level >= clause.level:
                stack.pop()
            current = Clause(clause.number, _title(clause.text, clause.number), clause.text,
                             clause.level, clause.anchor, index=len(found),
                             parent=stack[-1] if stack else None)
            found.append(current)
            stack.append(current)
        else:
            rows = rows or body.split("\n")
            lines = rows[clause.line - body_line:clause.start - body_line] + lines
        if current is not None:
            for line in lines:
                _add_line(current, paragraph, line, flush)
    flush()
    return found


def _add_line(current: Clause, paragraph: list[str], line: str, flush) -> None:
    """One line of a clause's Markdown into its blocks (`paragraph`: the one being read)."""
    stripped = line.strip()
    if _RULE.match(stripped):  # a thematic break (---) separates, shows nothing
        stripped = ""
    stripped = _BULLET.sub("• ", stripped)  # a reader sees the bullet, not Markdown
    if not stripped:
        flush()
    elif stripped.startswith("|"):
        flush()
        if not _TABLE_RULE.match(stripped):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            current.blocks.append(" ｜ ".join(cells))
    elif re.match(r"^(•|\d+[.)]|[a-z]\))\s", stripped) and paragraph:
        flush()
        paragraph.append(stripped)
    else:
        paragraph.append(stripped)


# ---------------------------------------------------------------------------------------------
# Tokens and similarity


def tokens(text: str) -> list[str]:
    """One token per CJK character or punctuation mark, one per ASCII word or number."""
    return _TOKEN.findall(text)


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, tokens(a), tokens(b), autojunk=False)
    if matcher.real_quick_ratio() < 0.2 or matcher.quick_ratio() < 0.2:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


def containment(part: str, whole: str) -> float:
    """Share of `part`'s tokens found, in order, in `whole`."""
    a, b = tokens(part), tokens(whole)
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / len(a)


def _norm_title(title: str) -> str:
    return re.sub(r"\s+", "", title)


# ---------------------------------------------------------------------------------------------
# Inline (word-level) diff


@dataclass
class Segment:
    op: str  # "equal" | "delete" | "insert"
    text: str


def _ops(a: str, b: str) -> list[list]:
    """Token-level opcodes of two blocks, tiny equal runs folded into the changes around them."""
    ta, tb = tokens(a), tokens(b)
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    ops = [[tag, ta[i1:i2], tb[j1:j2]] for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    if ta and tb and matcher.ratio() < 0.25:  # rewritten: show it whole, not as confetti
        ops = [["replace", ta, tb]]
    return _fold_tiny_equals(ops)


def _sides(ops: list[list]) -> tuple[list[Segment], list[Segment]]:
    old: list[Segment] = []
    new: list[Segment] = []
    for tag, x, y in ops:
        if tag == "equal":
            _add(old, "equal", "".join(x))
            _add(new, "equal", "".join(y))
        else:
            _add(old, "delete", "".join(x))
            _add(new, "insert", "".join(y))
    return old, new


def _merge(ops: list[list]) -> list[Segment]:
    """One redline: equal text once, each change as its deleted then its inserted text."""
    out: list[Segment] = []
    for tag, x, y in ops:
        if tag == "equal":
            _add(out, "equal", "".join(x))
        else:
            _add(out, "delete", "".join(x))
            _add(out, "insert", "".join(y))
    return out


def inline_diff(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """The old block as equal/delete segments, the new block as equal/insert segments."""
    return _sides(_ops(a, b))


def redline(a: str, b: str) -> list[Segment]:
    """Both blocks as one run of equal/delete/insert segments in reading order."""
    return _merge(_ops(a, b))


def _fold_tiny_equals(ops: list[list]) -> list[list]:
    """Merge short equal runs squeezed between changes into one replacement."""
    changed = True
    while changed:
        changed = False
        merged: list[list] = []
        for op in ops:
            if merged and merged[-1][0] != "equal" and op[0] != "equal":
                merged[-1] = ["replace", merged[-1][1] + op[1], merged[-1][2] + op[2]]
                changed = True
            else:
                merged.append(op)
        ops = merged
        for i in range(1, len(ops) - 1):
            tag, x, _ = ops[i]
            meaningful = [t for t in x if t.strip()]
            if (tag == "equal" and ops[i - 1][0] != "equal" and ops[i + 1][0] != "equal"
                    and len(meaningful) <= TINY_EQUAL):
                ops[i] = ["replace", x, list(ops[i][2])]
                changed = True
                break
    return ops


def _add(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1].text += text
    else:
        segments.append(Segment(op, text))


# ---------------------------------------------------------------------------------------------
# Block alignment inside a pair of clauses


@dataclass
class BlockDiff:
    kind: str  # "equal" | "changed" | "removed" | "added"
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)
    note: str = ""  # e.g. "移至 4.4"
    merged: list[Segment] = field(default_factory=list)  # a changed block's redline

    @property
    def segments(self) -> list[Segment]:
        """The block as one run in reading order (what the changes page shows)."""
        if self.kind == "changed":
            return self.merged
        return self.new if self.kind in ("equal", "added") else self.old

    @property
    def rewritten(self) -> bool:
        """A changed block with no text in common: shown as a deleted and an added block."""
        return self.kind == "changed" and all(s.op != "equal" for s in self.merged)


def diff_blocks(a: list[str], b: list[str]) -> list[BlockDiff]:
    out: list[BlockDiff] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [BlockDiff("equal", [Segment("equal", x)], [Segment("equal", x)])
                    for x in a[i1:i2]]
        else:
            out += _pair_blocks(a[i1:i2], b[j1:j2])
    return out


def _pair_blocks(a: list[str], b: list[str]) -> list[BlockDiff]:
    """Order-preserving best pairing of two runs of blocks (small dynamic programme)."""
    n, m = len(a), len(b)
    sim = [[similarity(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= BLOCK_SIMILAR else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[BlockDiff] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= BLOCK_SIMILAR and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            ops = _ops(a[i], b[j])
            old, new = _sides(ops)
            out.append(BlockDiff("changed", old, new, merged=_merge(ops)))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append(BlockDiff("removed", [Segment("delete", a[i])], []))
            i += 1
        else:
            out.append(BlockDiff("added", [], [Segment("insert", b[j])]))
            j += 1
    out += [BlockDiff("removed", [Segment("delete", x)], []) for x in a[i:]]
    out += [BlockDiff("added", [], [Segment("insert", y)]) for y in b[j:]]
    return out


@dataclass
class Run:
    """What the changes page shows for one or more blocks of a clause, in order:
    "equal" / "changed" / "moved": one paragraph (segments; a moved one has a note);
    "deleted" / "inserted": consecutive whole blocks, one <del> or <ins> around their paragraphs."""

    kind: str
    items: list = field(default_factory=list)  # list[Segment] per paragraph, or str per block
    note: str = ""


def runs(blocks: list[BlockDiff]) -> list[Run]:
    out: list[Run] = []

    def whole(kind: str, text: str) -> None:
        if out and out[-1].kind == kind:
            out[-1].items.append(text)
        else:
            out.append(Run(kind, [text]))

    for b in blocks:
        if b.kind == "equal":
            out.append(Run("equal", b.new))
        elif b.kind == "changed" and not b.rewritten:
            out.append(Run("changed", b.merged))
        elif b.kind == "moved":
            out.append(Run("moved", b.old, b.note))
        else:  # removed, added, or changed beyond recognition: old text deleted, new inserted
            if b.old:
                whole("deleted", "".join(s.text for s in b.old))
            if b.new:
                whole("inserted", "".join(s.text for s in b.new))
    return out


# ---------------------------------------------------------------------------------------------
# Clause alignment


@dataclass
class Change:
    kind: str  # "unchanged" | "changed" | "added" | "removed" | "split" | "merged"
    old: Clause | None
    new: Clause | None
    blocks: list[BlockDiff] = field(default_factory=list)
    related: list[Clause] = field(default_factory=list)  # split into / split from / merged with

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.kind != "split"
                    and self.old.number != self.new.number)

    @property
    def retitled(self) -> bool:
        return bool(self.old and self.new
                    and _norm_title(self.old.title) != _norm_title(self.new.title))

    @property
    def moved(self) -> bool:
        """Renumbered under another parent (a clause moved to another chapter)."""
        if not self.renumbered:
            return False
        old_parent = self.old.parent.key if self.old.parent else None
        new_parent = self.new.parent.key if self.new.parent else None
        return old_parent != new_parent

    @property
    def runs(self) -> list[Run]:
        return runs(self.blocks)

    @property
    def label(self) -> str:
        return {"unchanged": "未变", "changed": "修改", "added": "新增", "removed": "删除",
                "split": "拆分", "merged": "合并"}[self.kind]


@dataclass
class EditionDiff:
    old_clauses: list[Clause]
    new_clauses: list[Clause]
    changes: list[Change]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def renumbered(self) -> int:
        return sum(1 for c in self.changes if c.renumbered)

    def summary(self) -> dict[str, int]:
        return {"修改": self.count("changed"), "新增": self.count("added"),
                "删除": self.count("removed"), "拆分": self.count("split"),
                "合并": self.count("merged"), "重新编号": self.renumbered,
                "未变": self.count("unchanged")}


def align(old: list[Clause], new: list[Clause]) -> dict[int, int]:
    """new clause index → old clause index for every paired clause."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def free_new() -> list[Clause]:
        return [c for c in new if c.index not in pairs]

    def free_old() -> list[Clause]:
        return [c for c in old if c.index not in taken]

    def pair(n: Clause, o: Clause) -> None:
        pairs[n.index] = o.index
        taken.add(o.index)

    # 1. Same number and same title.
    for n in free_new():
        for o in free_old():
            if n.number == o.number and _norm_title(n.title) == _norm_title(o.title):
                pair(n, o)
                break
    # 2. Same title (moved / renumbered); when several share the title, the most similar text.
    for n in free_new():
        same = [o for o in free_old() if _norm_title(o.title) == _norm_title(n.title)]
        if len(same) == 1:
            pair(n, same[0])
        elif same:
            pair(n, max(same, key=lambda o: similarity(o.text, n.text)))
    # 3. Same number, renamed: similar title or similar text.
    for n in free_new():
        for o in free_old():
            if n.number and n.number == o.number and (
                    similarity(n.title, o.title) >= 0.5
                    or (n.blocks and similarity(n.text, o.text) >= RENAMED_TEXT)):
                pair(n, o)
                break
    # 4. Anything left that is similar enough, best first.
    scored = []
    for n in free_new():
        for o in free_old():
            score = max(similarity(n.title, o.title) if n.title and o.title else 0.0,
                        similarity(n.text, o.text) if n.blocks and o.blocks else 0.0)
            if score >= max(TITLE_SIMILAR, TEXT_SIMILAR):
                scored.append((score, n.index, o.index))
    for _score, ni, oi in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if ni not in pairs and oi not in taken:
            pairs[ni] = oi
            taken.add(oi)
    return pairs


def compare(old_body: str, new_body: str, old_line: int = 1, new_line: int = 1) -> EditionDiff:
    """Clause-by-clause comparison of two editions' Markdown texts (`*_line`: their bodies'
    first file lines)."""
    old, new = clauses(old_body, old_line), clauses(new_body, new_line)
    pairs = align(old, new)
    back = {o: n for n, o in pairs.items()}
    changes_by_new: dict[int, Change] = {}
    for n in new:
        if n.index in pairs:
            o = old[pairs[n.index]]
            blocks = diff_blocks(o.blocks, n.blocks)
            same = (all(b.kind == "equal" for b in blocks)
                    and _norm_title(o.title) == _norm_title(n.title))
            changes_by_new[n.index] = Change("unchanged" if same else "changed", o, n, blocks)
        else:
            changes_by_new[n.index] = Change("added", None, n,
                                             [BlockDiff("added", [], [Segment("insert", b)])
                                              for b in n.blocks])
    removed: dict[int, Change] = {}
    for o in old:
        if o.index not in back:
            removed[o.index] = Change("removed", o, None,
                                      [BlockDiff("removed", [Segment("delete", b)], [])
                                       for b in o.blocks])
    _find_splits(old, new, changes_by_new, removed, back)
    return EditionDiff(old, new, _ordered(old, new, changes_by_new, removed, back))


def _find_splits(old: list[Clause], new: list[Clause], by_new: dict[int, Change],
                 removed: dict[int, Change], back: dict[int, int]) -> None:
    # A new clause whose text comes from an old clause (paired elsewhere or not): split off.
    for change in by_new.values():
        n = change.new
        if change.kind != "added" or not n.blocks:
            continue
        best = max(old, key=lambda o: containment(n.text, o.text), default=None)
        if best is not None and containment(n.text, best.text) >= CONTAINED:
            change.kind = "split"
            change.old = best
            change.related = [best]
            change.blocks = diff_blocks(_closest_blocks(best.blocks, n.blocks), n.blocks)
            partner = by_new.get(back[best.index]) if best.index in back else None
            if partner is not None:
                partner.related.append(n)
                _mark_moved_blocks(partner, n)
            elif best.index in removed:
                removed[best.index].kind = "split"
                removed[best.index].related.append(n)
    # An old clause whose text went into a new clause: merged.
    for change in removed.values():
        o = change.old
        if change.kind != "removed":
            continue
        if o.blocks:
            best = max(new, key=lambda n: containment(o.text, n.text), default=None)
            if best is not None and containment(o.text, best.text) >= CONTAINED:
                change.kind = "merged"
                change.related = [best]
                continue
        # A heading-only clause whose subclauses went to other chapters: split (or moved).
        children = [c for c in old if c.parent is o]
        targets: list[Clause] = []
        for child in children:
            if child.index in back:
                top = new[back[child.index]]
                while top.parent is not None and top.level > o.level:
                    top = top.parent
                if top not in targets:
                    targets.append(top)
        if not o.blocks and len(targets) >= 2:
            change.kind = "split"
            change.related = targets


def _closest_blocks(source: list[str], target: list[str]) -> list[str]:
    """The blocks of `source` that `target`'s blocks most resemble (for a split clause's diff)."""
    picked = []
    for t in target:
        best = max(source, key=lambda s: similarity(s, t), default=None)
        if best is not None and similarity(best, t) >= BLOCK_SIMILAR and best not in picked:
            picked.append(best)
    return sorted(picked, key=source.index)


def _mark_moved_blocks(partner: Change, split_off: Clause) -> None:
    """In the clause a part was split from, show that part as moved rather than deleted."""
    for block in partner.blocks:
        if block.kind == "removed":
            text = "".join(s.text for s in block.old)
            if any(similarity(text, b) >= 0.8 for b in split_off.blocks):
                block.kind = "moved"
                block.note = f"移至 {split_off.label}"


def _ordered(old: list[Clause], new: list[Clause], by_new: dict[int, Change],
             removed: dict[int, Change], back: dict[int, int]) -> list[Change]:
    """New-edition order; a removed old clause goes just before the new place of the next old
    clause that was kept (or, failing that, just after the new place of the previous one)."""
    before: dict[int, list[Change]] = {}
    after: dict[int, list[Change]] = {}
    tail: list[Change] = []
    for o in old:
        if o.index not in removed:
            continue
        nxt = next((p for p in old[o.index + 1:] if p.index in back), None)
        prev = next((p for p in reversed(old[:o.index]) if p.index in back), None)
        if nxt is not None and (prev is None or back[nxt.index] > back[prev.index]):
            before.setdefault(back[nxt.index], []).append(removed[o.index])
        elif prev is not None:
            after.setdefault(back[prev.index], []).append(removed[o.index])
        else:
            tail.append(removed[o.index])
    out: list[Change] = []
    for n in new:
        out += before.get(n.index, [])
        out.append(by_new[n.index])
        out += after.get(n.index, [])
    return out + tail
