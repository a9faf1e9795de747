"""Fill clause templates from a draft, safely.

Clause packs may come from other organisations, so templates run in Jinja2's sandbox with
StrictUndefined, and before compiling we walk the template's syntax tree and allow only
what ordinance text needs: placeholders, a few text filters and if-blocks. No loops, no
calls, no attribute access: a template can neither reach Python internals nor spin forever.
A placeholder the draft cannot fill is an error naming the clause and the placeholder.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from drafter.draft import Draft
from drafter.errors import FillInError, did_you_mean

ALLOWED_FILTERS = {"upper", "lower", "title", "capitalize", "trim", "default"}
PLACEHOLDERS = ("jurisdiction", "jurisdiction_name", "kind", "body", "state", "police",
                "jail", "probation", "agencies_of")
MAX_OUTPUT = 400_000

# Most templates are plain placeholders, "{{ name }}" or "{{ name|upper }}". Those are
# filled by substitution, with the same errors Jinja would give; Jinja (imported lazily)
# handles the rest. Start-up of a one-shot `drafter export` is then ~35 ms shorter.
_SIMPLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*(?:\|\s*(upper|lower|title|capitalize|trim)"
                     r"\s*)?\}\}")
_SIMPLE_FILTERS = {"upper": str.upper, "lower": str.lower, "title": str.title,
                   "capitalize": str.capitalize, "trim": str.strip, None: lambda v: v}


def context_for(draft: Draft) -> dict[str, str]:
    """The placeholders a draft fills. Absent agencies are left out on purpose, so a
    clause that needs one fails loudly instead of printing a blank."""
    j = draft.jurisdiction
    ctx = {
        "jurisdiction": j.display_name,
        "jurisdiction_name": j.name or "____",
        "kind": j.kind_word,
        "body": j.body,
        "state": draft.state_name or "____",
        "agencies_of": f"any department, agency, board, commission, officer or employee of "
                       f"the {j.display_name}",
    }
    for key in ("police", "jail", "probation"):
        v = j.agency(key)
        if v:
            ctx[key] = v
    return ctx


@lru_cache(maxsize=1)
def _jinja() -> Any:
    """The sandboxed environment and the node types a template may use."""
    from jinja2 import StrictUndefined, nodes
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                               keep_trailing_newline=False)
    allowed = (
        nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const, nodes.If,
        nodes.Filter, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not,
        nodes.CondExpr, nodes.Concat,
    )
    return env, nodes, allowed


@lru_cache(maxsize=8192)
def _compile(source: str) -> Any:
    from jinja2.sandbox import SecurityError

    env, nodes, allowed = _jinja()
    tree = env.parse(source)
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, allowed):
            raise SecurityError(
                f"'{type(node).__name__}' is not allowed; clause templates may use only "
                "placeholders, simple filters and if-blocks")
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            raise SecurityError(f"filter '{node.name}' is not allowed")
    return env.from_string(tree)


def _render_simple(source: str, ctx: dict[str, str]) -> str | None:
    """Substitute plain placeholders; None when the template needs Jinja."""
    if "{%" in source or "{#" in source:
        return None
    rest = _SIMPLE.sub("", source)
    if "{{" in rest or "}}" in rest:
        return None

    def fill(m: re.Match) -> str:
        name = m.group(1)
        if name not in ctx:
            raise _Missing(name)
        return _SIMPLE_FILTERS[m.group(2)](str(ctx[name]))

    return _SIMPLE.sub(fill, source)


class _Missing(Exception):
    def __init__(self, name: str):
        self.name = name


def render(source: str, ctx: dict[str, str], what: str, file: str | None = None,
           line: int | None = None) -> str:
    """Render one template; every failure becomes a FillInError naming `what`."""
    if "{" not in source:  # the common case: no template syntax at all
        return source
    try:
        out = _render_simple(source, ctx)
    except _Missing as exc:
        raise FillInError(_undefined_message(what, exc.name), file, line) from None
    if out is not None:
        return out
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    try:
        template = _compile(source)
        out = template.render(ctx)
    except UndefinedError as exc:
        raise FillInError(_undefined_message(what, _undefined_name(str(exc))),
                          file, line) from None
    except SecurityError as exc:
        raise FillInError(f"{what}: unsafe template: {exc}", file, line) from None
    except TemplateSyntaxError as exc:
        raise FillInError(f"{what}: template error on its line {exc.lineno}: {exc.message}",
                          file, line) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise FillInError(f"{what}: template error: {exc}", file, line) from None
    if len(out) > MAX_OUTPUT:
        raise FillInError(f"{what}: rendered text is too long", file, line)
    if "{{" in out or "{%" in out:
        raise FillInError(f"{what}: text still contains template braces after filling",
                          file, line)
    return out


def _undefined_message(what: str, name: str) -> str:
    hint = ""
    if name in ("police", "jail", "probation"):
        hint = f"; the draft names no {name} agency (set it in the jurisdiction's agencies)"
    elif name:
        hint = did_you_mean(name, PLACEHOLDERS)
    return f"{what}: placeholder '{{{{ {name} }}}}' cannot be filled{hint}"


def _undefined_name(message: str) -> str:
    # StrictUndefined says: "'jail' is undefined"
    if message.startswith("'") and "'" in message[1:]:
        return message[1:message.index("'", 1)]
    return message
