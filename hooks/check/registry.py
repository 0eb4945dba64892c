"""Where each rule is checked: rule id → the function that reports it.

A check declares the rule ids it reports right above its code:

    @checks("date-order")
    def _date_order(source, dates): ...

`@checks` marks a rule's home, its one check. `@also_checks` marks another function that reports
the same rule for a case the home cannot see (a plan number instead of a standard number, a YAML
key that is not text, a number `python -m hooks new` refuses). The decorators only record and
return the function unchanged; nothing is looked up while checking.

`sites()` imports CHECK_MODULES, so every declaration has run, and returns what they recorded.
The 规则参考 page (hooks.pages.guide), `python -m hooks explain` and tests/test_rule_registry.py
read it; the test proves every rule of data/rules.yml has exactly one home and that no module
emits a rule id its functions do not declare.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

F = TypeVar("F", bound=Callable)

# Every module that declares a check. A module missing here leaves its rules without a home,
# which tests/test_rule_registry.py reports.
CHECK_MODULES = (
    "hooks.load.safe_yaml",
    "hooks.load.frontmatter",
    "hooks.load.framework",
    "hooks.model.numbers",
    "hooks.check.schema",
    "hooks.check.validate",
    "hooks.check.characters",
    "hooks.check.date_range",
    "hooks.check.markdown_guard",
    "hooks.check.structure",
    "hooks.check.references",
    "hooks.check.placeholders",
    "hooks.derive.lifecycle",
    "hooks.corpus",
    "hooks.check.paths",
    "hooks.check.invariants",
    "hooks.check.articles",
    "hooks.cli.scaffold",
)


@dataclass(frozen=True, order=True)
class Site:
    """One function that reports a rule."""

    rule: str
    home: bool  # the rule's one check (else it is reported here too)
    module: str  # "hooks.check.validate"
    function: str  # qualified name: "check_replaces"
    line: int  # first line of the definition (its first decorator)

    @property
    def file(self) -> str:
        """The source file relative to the project root: "hooks/check/validate.py"."""
        return self.module.replace(".", "/") + ".py"


_SITES: dict[tuple[str, str, str], Site] = {}  # (rule, module, function) → site


def _declare(rules: tuple[str, ...], home: bool) -> Callable[[F], F]:
    if not rules:
        raise TypeError("declare at least one rule id")

    def record(func: F) -> F:
        for rule in rules:
            site = Site(rule, home, func.__module__, func.__qualname__,
                        func.__code__.co_firstlineno)
            _SITES[(rule, site.module, site.function)] = site
        return func

    return record


def checks(*rules: str) -> Callable[[F], F]:
    """Decorator: the function is the home of these rules (where each is checked)."""
    return _declare(rules, home=True)


def also_checks(*rules: str) -> Callable[[F], F]:
    """Decorator: the function reports these rules too, for cases their home does not see."""
    return _declare(rules, home=False)


def sites() -> list[Site]:
    """Every declaration of every module in CHECK_MODULES, homes first within a rule."""
    for name in CHECK_MODULES:
        importlib.import_module(name)
    return sorted(_SITES.values(), key=lambda s: (s.rule, not s.home, s.module, s.function))


def where(rule_id: str) -> list[Site]:
    """The sites of one rule: its home first, then the functions that also report it."""
    return [s for s in sites() if s.rule == rule_id]


def describe(rule_id: str, name: Callable[[Site], str]) -> str:
    """Where a rule is implemented, in Chinese: “A；也由 B 报告”, each site written by `name`."""
    found = where(rule_id)
    homes = [name(s) for s in found if s.home]
    also = [name(s) for s in found if not s.home]
    text = "、".join(homes) or "未登记"
    if also:
        text += "；也由 " + "、".join(also) + " 报告"
    return text
