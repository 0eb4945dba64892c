"""Every rule has a home: the checks declared with hooks.check.registry (`@checks`, `@also_checks`).

- every id of data/rules.yml has exactly one home (`@checks`), and every declared id is a rule;
- a static scan (ast) of hooks/**/*.py finds every string literal equal to a rule id and requires
  it to sit in a function that declares that rule, or in a helper referred to only from such
  functions (module-level constants: in the module of a declaring function);
- every declaration is backed by an emission: the declaring function, or a helper of its module
  it refers to, holds the rule id (schema rules: the function reads `x-rule` from the schema);
- the scanner is shown to fail on fixtures, and on the real tree with one decorator taken away;
- the 规则参考 page and `python -m hooks explain` name each rule's home.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hooks.check import registry
from hooks.check.registry import Site
from hooks.check.rules import RULES
from hooks.check.schema import SCHEMA_FILE
from hooks.cli.editor import explain_text
from hooks.pages.guide import rules_page

REPO = Path(__file__).resolve().parent.parent
MODULE_LEVEL = "<module>"
X_RULE = "x-rule"
# Literals equal to a rule id that name a rule without reporting it, with the reason.
MENTIONS = {
    ("hooks.pages.guide", "fields_table", "field-type"):
        "the 元数据字段 table links a field without x-rule to the rule it falls back to",
}

Unit = tuple[str, str]  # (module, top-level function or class name, or MODULE_LEVEL)
DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Literal:
    rule: str
    module: str
    unit: str
    line: int

    def where(self) -> str:
        return f"{self.module.replace('.', '/')}.py:{self.line} ({self.unit}) {self.rule!r}"


@dataclass
class Scan:
    """What the static scan of a source tree found."""

    literals: list[Literal] = field(default_factory=list)
    refs: dict[Unit, set[Unit]] = field(default_factory=dict)  # unit → units it refers to
    declaring_modules: set[str] = field(default_factory=set)  # modules using the decorators
    units: set[Unit] = field(default_factory=set)

    def referrers(self) -> dict[Unit, set[Unit]]:
        back: dict[Unit, set[Unit]] = {unit: set() for unit in self.units}
        for unit, targets in self.refs.items():
            for target in targets:
                back.setdefault(target, set()).add(unit)
        return back


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _is_declaration(node: ast.AST) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (_dotted(target) or "").rsplit(".", 1)[-1] in ("checks", "also_checks")


def _walk(node: ast.AST):
    """ast.walk that does not enter `checks(...)` / `also_checks(...)` calls."""
    if isinstance(node, ast.Call) and _is_declaration(node):
        return
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _walk(child)


class _Resolver:
    """What a name or dotted name in one module refers to: (module, top-level name), if known."""

    def __init__(self, module: str, tree: ast.Module, modules: set[str]) -> None:
        self.module, self.modules = module, modules
        self.local = {stmt.name for stmt in tree.body if isinstance(stmt, DEFS)}
        self.aliases: dict[str, str] = {}  # name → "pkg.module" or "pkg.module:function"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    self.aliases[alias.asname or alias.name] = (
                        full if full in modules else f"{node.module}:{alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.asname or alias.name.split(".")[0]
                    self.aliases[name] = alias.name if alias.asname else name

    def __call__(self, node: ast.AST) -> Unit | None:
        dotted = _dotted(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head in self.local:
            return (self.module, head) if not rest else None
        target = self.aliases.get(head)
        if target is None or not rest and ":" not in target:
            return None  # unknown, or a module itself
        if ":" in target:
            owner, name = target.split(":")
            return (owner, name) if not rest else None
        parts = [*target.split("."), *rest.split(".")]
        for cut in range(len(parts) - 1, 0, -1):
            if ".".join(parts[:cut]) in self.modules:
                return ".".join(parts[:cut]), parts[cut]
        return None


def scan(root: Path, package: str, rule_ids: set[str]) -> Scan:
    """Rule-id literals, who refers to whom, and which modules declare checks, under root/package.

    The unit of a literal or a reference is the top-level statement holding it: a function, a
    class (all its methods), or MODULE_LEVEL for anything else.
    """
    modules = {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
    result = Scan()
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        resolve = _Resolver(module, tree, set(modules))
        if any(isinstance(node, DEFS[:2]) and any(map(_is_declaration, node.decorator_list))
               for node in ast.walk(tree)):
            result.declaring_modules.add(module)
        for stmt in tree.body:
            unit = (module, stmt.name if isinstance(stmt, DEFS) else MODULE_LEVEL)
            result.units.add(unit)
            refs = result.refs.setdefault(unit, set())
            # Not the statement's own decorators; declaration calls are skipped inside too.
            if isinstance(stmt, DEFS[:2]):
                tops = [*stmt.body, stmt.args]
            elif isinstance(stmt, ast.ClassDef):
                tops = [*stmt.body, *stmt.bases]
            else:
                tops = [stmt]
            for node in (n for top in tops for n in _walk(top)):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                        node.value in rule_ids or node.value == X_RULE):
                    result.literals.append(Literal(node.value, *unit, node.lineno))
                elif isinstance(node, ast.Name | ast.Attribute):
                    target = resolve(node)
                    if target is not None and target != unit:
                        refs.add(target)
    return result


def covered(declared: set[Unit], scan_: Scan) -> set[Unit]:
    """The `declared` units of one rule, plus units referred to only from covered units (fixpoint)."""
    referrers = scan_.referrers()
    done = set(declared)
    changed = True
    while changed:
        changed = False
        for unit, refs in referrers.items():
            others = refs - {unit}
            if unit not in done and unit[1] != MODULE_LEVEL and others and others <= done:
                done.add(unit)
                changed = True
    return done


def declared_units(sites: list[Site]) -> dict[str, set[Unit]]:
    units: dict[str, set[Unit]] = {}
    for site in sites:
        units.setdefault(site.rule, set()).add((site.module, site.function.split(".")[0]))
    return units


def undeclared_emissions(scan_: Scan, sites: list[Site],
                         mentions: dict = MENTIONS) -> list[Literal]:
    """Rule-id literals outside every function that declares the rule (and its helpers)."""
    by_rule = declared_units(sites)
    cache: dict[str, set[Unit]] = {}
    bad = []
    for lit in scan_.literals:
        if lit.rule == X_RULE or (lit.module, lit.unit, lit.rule) in mentions:
            continue
        declared = by_rule.get(lit.rule, set())
        if lit.unit == MODULE_LEVEL:
            if not any(module == lit.module for module, _ in declared):
                bad.append(lit)
            continue
        if lit.rule not in cache:
            cache[lit.rule] = covered(declared, scan_)
        if (lit.module, lit.unit) not in cache[lit.rule]:
            bad.append(lit)
    return bad


def unbacked_declarations(scan_: Scan, sites: list[Site], schema_rules: set[str]) -> list[Site]:
    """Declarations whose function (or a helper of its module) never names the rule."""
    holders: dict[str, set[Unit]] = {}
    for lit in scan_.literals:
        holders.setdefault(lit.rule, set()).add((lit.module, lit.unit))
    bad = []
    for site in sites:
        start = (site.module, site.function.split(".")[0])
        reach, todo = {start}, [start]
        while todo:  # helpers of the same module, transitively
            for target in scan_.refs.get(todo.pop(), set()):
                if target[0] == site.module and target not in reach:
                    reach.add(target)
                    todo.append(target)
        if reach & holders.get(site.rule, set()):
            continue
        if site.rule in schema_rules and reach & holders.get(X_RULE, set()):
            continue
        bad.append(site)
    return bad


def schema_x_rules() -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if X_RULE in node:
                found.add(node[X_RULE])
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    return found


@pytest.fixture(scope="module")
def sites() -> list[Site]:
    return registry.sites()


@pytest.fixture(scope="module")
def tree() -> Scan:
    return scan(REPO, "hooks", set(RULES))


# --- the registry against rules.yml -------------------------------------------------------------


def test_every_rule_has_exactly_one_home(sites):
    homes = Counter(site.rule for site in sites if site.home)
    missing = sorted(rule for rule in RULES if homes[rule] == 0)
    several = {rule: [f"{s.module}.{s.function}" for s in sites if s.rule == rule and s.home]
               for rule in RULES if homes[rule] > 1}
    assert not missing, f"rules no function declares with @checks: {missing}"
    assert not several, f"rules with more than one @checks home: {several}"


def test_every_declared_id_is_a_rule(sites):
    unknown = sorted({f"{s.rule} ({s.module}.{s.function})" for s in sites if s.rule not in RULES})
    assert not unknown, f"declared rule ids that are not in rules.yml: {unknown}"


def test_schema_rules_are_declared_by_the_schema_checker(sites):
    rules = schema_x_rules()
    assert rules and rules <= set(RULES), rules - set(RULES)
    by_schema = {s.rule for s in sites if s.module == "hooks.check.schema" and s.home}
    assert rules <= by_schema, f"x-rule ids the schema checker does not declare: {rules - by_schema}"


def test_every_module_that_declares_checks_is_listed(tree):
    missing = sorted(tree.declaring_modules - set(registry.CHECK_MODULES))
    assert not missing, f"add to hooks.check.registry.CHECK_MODULES: {missing}"
    idle = sorted(set(registry.CHECK_MODULES) - tree.declaring_modules)
    assert not idle, f"CHECK_MODULES lists modules that declare no check: {idle}"


def test_sites_point_at_real_definitions(sites):
    for site in sites:
        lines = (REPO / site.file).read_text(encoding="utf-8").splitlines()
        assert "checks(" in lines[site.line - 1], site
        name = site.function.rsplit(".", 1)[-1]
        assert any(f"def {name}(" in line for line in lines[site.line - 1:site.line + 4]), site


# --- the static scan of hooks/**/*.py -----------------------------------------------------------


def test_scan_sees_the_known_emissions(tree):
    """A guard for the scanner itself: it finds literals where grep finds them."""
    found = {(lit.module, lit.unit, lit.rule) for lit in tree.literals}
    assert ("hooks.corpus", "_date_order", "date-order") in found
    assert ("hooks.check.structure", "_numbering", "structure-depth") in found
    assert ("hooks.model.numbers", "_region", "number-region") in found
    assert ("hooks.check.schema", "check_schema", X_RULE) in found
    assert len({lit.rule for lit in tree.literals}) > 30


def test_no_rule_is_emitted_outside_its_declared_functions(tree, sites):
    bad = undeclared_emissions(tree, sites)
    assert not bad, ("rule ids used outside a function that declares them (add @checks or "
                     "@also_checks from hooks.check.registry):\n"
                     + "\n".join(lit.where() for lit in bad))


def test_mentions_are_still_there(tree):
    found = {(lit.module, lit.unit, lit.rule) for lit in tree.literals}
    stale = [key for key in MENTIONS if key not in found]
    assert not stale, f"MENTIONS entries that no longer occur: {stale}"


def test_every_declaration_is_backed_by_an_emission(tree, sites):
    bad = unbacked_declarations(tree, sites, schema_x_rules())
    assert not bad, ("declared rules the function never reports: "
                     + ", ".join(f"{s.rule} @ {s.module}.{s.function}" for s in bad))


@pytest.mark.parametrize("rule, module, function", [
    ("date-order", "hooks.corpus", "_date_order"),
    ("structure-depth", "hooks.check.structure", "_numbering"),
    ("number-region", "hooks.model.numbers", "parse_number"),
    ("field-unknown", "hooks.load.frontmatter", "_collect"),
])
def test_removing_a_decorator_fails(tree, sites, rule, module, function):
    """The real tree with one declaration taken away, as if its decorator line were deleted."""
    kept = [s for s in sites if not (s.rule == rule and s.module == module
                                     and s.function == function)]
    assert len(kept) == len(sites) - 1
    bad = undeclared_emissions(tree, kept)
    assert bad and all(lit.rule == rule for lit in bad), bad
    assert any(lit.module == module for lit in bad)


# --- the scanner on fixtures: it can fail -------------------------------------------------------


FIXTURE = {
    "pkg/__init__.py": "",
    "pkg/checks.py": '''
        from pkg.problems import Problem
        from pkg import registry
        from pkg.registry import checks

        DEFAULT = "rule-a"


        @checks("rule-a")
        def home(path):
            return [Problem(path, 1, "rule-a", "…"), _helper(path)]


        def _helper(path):
            return Problem(path, 2, "rule-a", "…")


        def rogue(path):
            return Problem(path, 3, "rule-a", "…")


        def shared(path):
            return Problem(path, 4, "rule-b", "…")


        @registry.checks("rule-b")
        def other(path):
            return shared(path)
        ''',
    "pkg/cli.py": '''
        from pkg.checks import _helper, shared


        def command(path):
            return [_helper(path), "rule-c"]
        ''',
}


@pytest.fixture
def fixture_tree(tmp_path) -> Scan:
    for rel, text in FIXTURE.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return scan(tmp_path, "pkg", {"rule-a", "rule-b", "rule-c"})


def fixture_sites(*keep: tuple[str, str]) -> list[Site]:
    return [Site(rule, True, "pkg.checks", function, 1) for rule, function in keep]


def test_scanner_reports_undeclared_emissions(fixture_tree):
    sites = fixture_sites(("rule-a", "home"), ("rule-b", "other"))
    bad = {(lit.unit, lit.rule) for lit in undeclared_emissions(fixture_tree, sites, {})}
    # rogue: nobody declares rule-a there; _helper: also called from pkg.cli.command;
    # shared: called only from `other` (covered); rule-c: no function declares it.
    assert bad == {("rogue", "rule-a"), ("_helper", "rule-a"), ("command", "rule-c")}
    assert fixture_tree.declaring_modules == {"pkg.checks"}


def test_scanner_accepts_module_constants_only_beside_a_declaration(fixture_tree):
    with_home = undeclared_emissions(fixture_tree, fixture_sites(("rule-a", "home")), {})
    assert not any(lit.unit == MODULE_LEVEL for lit in with_home)
    without = undeclared_emissions(fixture_tree, fixture_sites(("rule-b", "other")), {})
    assert any(lit.unit == MODULE_LEVEL and lit.rule == "rule-a" for lit in without)


def test_scanner_reports_declarations_without_emission(fixture_tree):
    sites = fixture_sites(("rule-a", "home"), ("rule-b", "other"), ("rule-c", "home"))
    bad = unbacked_declarations(fixture_tree, sites, set())
    assert [(s.rule, s.function) for s in bad] == [("rule-c", "home")]


# --- where the rules are shown ------------------------------------------------------------------


def test_rules_page_names_each_rules_home(sites):
    page = rules_page()
    sections = [part.removeprefix("### ") for part in re.split(r"\n(?=### [a-z-]+：)", page)[1:]]
    assert len(sections) == len(RULES)
    for section in sections:
        rule = section.split("：", 1)[0]
        home = next(s for s in sites if s.rule == rule and s.home)
        assert f"实现：`{home.file}` 的 `{home.function}`" in section, rule
    number = next(s for s in sections if s.startswith("number-format："))
    assert "也由 `hooks/derive/lifecycle.py` 的 `parse_plan_number` 报告" in number


def test_explain_names_the_home_with_its_line(sites):
    text = explain_text("date-order", REPO)
    home = next(s for s in sites if s.rule == "date-order" and s.home)
    assert f"实现：hooks/corpus.py:{home.line} 的 _date_order" in text
    assert "parse_plan_number" in explain_text("number-format", REPO)
