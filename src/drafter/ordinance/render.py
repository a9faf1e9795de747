"""Fill clause templates from a draft, safely.

Clause packs may come from other organisations, so templates run in Jinja2's sandbox with
StrictUndefined, and before compiling we walk the template's syntax tree and allow only
what ordinance text needs: placeholders, a few text filters and if-blocks. No loops, no
calls, no attribute access: a template can neither reach Python internals nor spin forever.
A placeholder the draft cannot fill is an error naming the clause and the placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.errors import FillInError, Problem, did_you_mean
from drafter.load.draft import Draft
from drafter.ordinance.localgov import local_government, standing, state_full

if TYPE_CHECKING:
    from drafter.load.library import Library

ALLOWED_FILTERS = {"upper", "lower", "title", "capitalize", "trim", "default"}
PLACEHOLDERS = ("jurisdiction", "jurisdiction_full", "formal_name", "jurisdiction_name",
                "kind", "body", "state", "instrument", "an_instrument", "presiding_officer",
                "clerk", "legal_officer", "police", "jail", "probation", "agencies_of",
                "state_full", "standing", "body_role")
MAX_OUTPUT = 400_000
MAX_DEPTH = 40  # nested brackets, filters and if-blocks: far beyond any real clause


def context_for(draft: Draft) -> dict[str, str]:
    """The placeholders a draft fills. `jurisdiction` is the defined short form's noun
    ("County"), since clause text says "the {{ jurisdiction }}"; the full name appears once,
    through `jurisdiction_full`. Absent agencies are left out on purpose, so a clause that
    needs one fails loudly instead of printing a blank."""
    j = draft.jurisdiction
    gov = local_government(j)
    short = gov.place.short
    ctx = {
        "jurisdiction": short[4:] if short.lower().startswith("the ") else short,
        "jurisdiction_full": gov.the_formal,
        "formal_name": gov.place.formal,
        "jurisdiction_name": gov.place.name,
        "kind": gov.place.kind_word,
        "body": gov.body,
        "state": draft.state_name or "____",
        "instrument": gov.instrument,
        "an_instrument": gov.an_instrument,
        "presiding_officer": gov.presiding_officer,
        "clerk": gov.clerk,
        "legal_officer": gov.legal_officer,
        "agencies_of": "any Agency or Employee",
        "state_full": state_full(j.state) if j.state else "____",
        "standing": standing(j.state) if j.state else "a unit of local government",
        "body_role": "legislative body" if gov.instrument == "bylaw" else "governing body",
    }
    for key in ("police", "jail", "probation"):
        v = j.agency(key)
        if v:
            ctx[key] = v
    return ctx


# Bracketed stand-ins for showing a clause outside any draft (comparisons, the library).
SAMPLE_CONTEXT: dict[str, str] = {
    "jurisdiction": "[Jurisdiction]", "jurisdiction_full": "[the Jurisdiction]",
    "formal_name": "[Jurisdiction]", "jurisdiction_name": "[Jurisdiction Name]",
    "kind": "[City/County]", "body": "[Governing Body]", "state": "[State]",
    "instrument": "ordinance", "an_instrument": "an ordinance",
    "presiding_officer": "[Presiding Officer]", "clerk": "[Clerk]",
    "legal_officer": "[Legal Officer]", "police": "[Police Department]",
    "jail": "[Sheriff's Office]", "probation": "[Probation Department]",
    "agencies_of": "any Agency or Employee", "state_full": "[the State]",
    "standing": "a political subdivision of [the State]", "body_role": "governing body",
}


@lru_cache(maxsize=1)
def _jinja() -> Any:
    """The sandboxed environment and the node types a template may use.

    Jinja's globals (`range`, `lipsum`, `cycler`, `dict`, ...) are removed: clause text
    may name only the draft's own placeholders, so a pack cannot print a function's
    repr into an ordinance."""
    from jinja2 import StrictUndefined, nodes
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                               keep_trailing_newline=False)
    env.globals.clear()
    allowed = (
        nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const, nodes.If,
        nodes.Filter, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not,
        nodes.CondExpr, nodes.Concat,
    )
    return env, nodes, allowed


class _Refused(Exception):
    """A template that parses but uses something clause text may not."""


@lru_cache(maxsize=4096)
def _compile(source: str) -> tuple[Any, frozenset[str]]:
    """The compiled template and the names it reads. Raises `_Refused`, or Jinja's own
    `TemplateSyntaxError`."""
    env, nodes, allowed = _jinja()
    try:
        tree = env.parse(source)
    except RecursionError:
        raise _Refused("it is nested too deeply") from None
    names: set[str] = set()
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refused(f"it is nested more than {MAX_DEPTH} levels deep")
        if not isinstance(node, allowed):
            raise _Refused(f"'{type(node).__name__}' is not allowed; clause templates may "
                           "use only placeholders, simple filters and if-blocks")
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            raise _Refused(f"filter '{node.name}' is not allowed")
        if isinstance(node, nodes.Name):
            names.add(node.name)
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
    try:
        return env.from_string(tree), frozenset(names)
    except RecursionError:
        raise _Refused("it is nested too deeply") from None


def render(source: str, ctx: dict[str, str], what: str, file: str | None = None,
           line: int | None = None, clause: str | None = None) -> str:
    """Render one template; every failure becomes a FillInError naming `what` (and
    carrying the clause id, when the template is a clause's)."""
    try:
        return _render(source, ctx, what, file, line)
    except FillInError as exc:
        exc.clause = clause
        raise


# Bare placeholders, and the filters whose meaning is exactly Python's own string method
# (Jinja's `upper` is `str.upper`, and so on; not `title`, which Jinja does its own way),
# are filled without compiling a template: most clause text is only these, and compiling
# each one with Jinja costs a one-shot export about a tenth of its time. Anything else
# goes to Jinja; the two agree on every shipped template (tested).
_PLAIN = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*(?:\|\s*(upper|lower|capitalize|trim)\s*)?\}\}")
_PYTHON_FILTERS: dict[str | None, Callable[[str], str]] = {
    None: str, "upper": str.upper, "lower": str.lower, "capitalize": str.capitalize,
    "trim": str.strip,
}


def _render_plain(source: str, ctx: dict[str, str], what: str, file: str | None,
                  line: int | None) -> str | None:
    """The template filled by substitution, or None when it needs Jinja."""
    rest = _PLAIN.sub("", source)
    if "{{" in rest or "{%" in rest or "{#" in rest or "}}" in rest:
        return None

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in ctx or not isinstance(ctx[name], str):
            raise FillInError(_undefined_message(what, name, ctx), file, line)
        return _PYTHON_FILTERS[m.group(2)](ctx[name])

    out = _PLAIN.sub(fill, source)
    return out[:-1] if out.endswith("\n") else out  # as Jinja drops one trailing newline


def _render(source: str, ctx: dict[str, str], what: str, file: str | None,
            line: int | None) -> str:
    if "{" not in source:  # the common case: no template syntax at all
        return source
    plain = _render_plain(source, ctx, what, file, line)
    if plain is not None:
        return plain
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        template, names = _compile(source)
        for name in sorted(names):
            if name not in ctx or not isinstance(ctx[name], str):
                raise FillInError(_undefined_message(what, name, ctx), file, line)
        out = str(template.render(ctx))
    except FillInError:
        raise
    except _Refused as exc:
        raise FillInError(f"{what}: unsafe template: {exc}", file, line) from None
    except UndefinedError as exc:  # pragma: no cover - every name is checked above
        raise FillInError(f"{what}: {exc}", file, line) from None
    except SecurityError as exc:
        raise FillInError(f"{what}: unsafe template: {exc}", file, line) from None
    except TemplateSyntaxError as exc:
        raise FillInError(f"{what}: template error on its line {exc.lineno}: {exc.message}",
                          file, line) from None
    except (TypeError, ValueError, ArithmeticError, RecursionError) as exc:
        raise FillInError(f"{what}: template error: {exc}", file, line) from None
    if len(out) > MAX_OUTPUT:
        raise FillInError(f"{what}: rendered text is too long", file, line)
    if "{{" in out or "{%" in out:
        raise FillInError(f"{what}: text still contains template braces after filling",
                          file, line)
    return out


def _undefined_message(what: str, name: str, ctx: dict[str, str]) -> str:
    if name in ("police", "jail", "probation"):
        hint = f"; the draft names no {name} agency (set it in the jurisdiction's agencies)"
        return f"{what}: placeholder '{{{{ {name} }}}}' cannot be filled{hint}"
    if name in PLACEHOLDERS or name in ctx:
        return f"{what}: placeholder '{{{{ {name} }}}}' cannot be filled"
    known = sorted(set(PLACEHOLDERS) | set(ctx))
    return (f"{what}: placeholder '{{{{ {name} }}}}' is not one Drafter fills"
            f"{did_you_mean(name, known)}")


def template_problems(library: Library) -> list[Problem]:
    """Compile and fill every template of a library for a sample jurisdiction that has
    every agency, so a pack's template errors show when it is checked (`drafter --library
    PACK clauses`), not first at export. One problem per broken template."""
    problems: list[Problem] = []
    items: list[tuple[str, str, str | None, int | None]] = [
        (c.text, f"clause '{c.id}'", c.source, c.line) for c in library.clauses.values()]
    items += [(c.summary, f"summary of clause '{c.id}'", c.source, c.line)
              for c in library.clauses.values()]
    items += [(t.definition, f"definition '{t.id}'", t.source, t.line)
              for t in library.terms.values()]
    items += [(f.text, f"finding '{f.id}'", f.source, f.line)
              for f in library.findings.values()]
    for source, what, file, line in items:
        try:
            render(source, SAMPLE_CONTEXT, what, file, line)
        except FillInError as exc:
            problems.extend(exc.problems)
    return problems
