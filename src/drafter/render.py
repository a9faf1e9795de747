"""Fill clause templates from a draft, safely.

Clause packs may come from other organisations, so templates run in Jinja2's sandbox with
StrictUndefined, and before compiling we walk the template's syntax tree and allow only
what ordinance text needs: placeholders, a few text filters and if-blocks. No loops, no
calls, no attribute access: a template can neither reach Python internals nor spin forever.
A placeholder the draft cannot fill is an error naming the clause and the placeholder.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from drafter.draft import Draft
from drafter.errors import FillInError, did_you_mean

ALLOWED_FILTERS = {"upper", "lower", "title", "capitalize", "trim", "default"}
_ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const, nodes.If,
    nodes.Filter, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not,
    nodes.CondExpr, nodes.Concat,
)
PLACEHOLDERS = ("jurisdiction", "jurisdiction_name", "kind", "body", "state", "police",
                "jail", "probation", "agencies_of")
MAX_OUTPUT = 400_000

_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                            keep_trailing_newline=False)


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


@lru_cache(maxsize=8192)
def _compile(source: str) -> Any:
    tree = _env.parse(source)
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            raise SecurityError(
                f"'{type(node).__name__}' is not allowed; clause templates may use only "
                "placeholders, simple filters and if-blocks")
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            raise SecurityError(f"filter '{node.name}' is not allowed")
    return _env.from_string(tree)


def render(source: str, ctx: dict[str, str], what: str, file: str | None = None,
           line: int | None = None) -> str:
    """Render one template; every failure becomes a FillInError naming `what`."""
    if "{" not in source:  # the common case: no template syntax at all
        return source
    try:
        template = _compile(source)
        out = template.render(ctx)
    except UndefinedError as exc:
        name = _undefined_name(str(exc))
        hint = ""
        if name in ("police", "jail", "probation"):
            hint = f"; the draft names no {name} agency (set it in the jurisdiction's agencies)"
        elif name:
            hint = did_you_mean(name, PLACEHOLDERS)
        raise FillInError(f"{what}: placeholder '{{{{ {name} }}}}' cannot be filled{hint}",
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


def _undefined_name(message: str) -> str:
    # StrictUndefined says: "'jail' is undefined"
    if message.startswith("'") and "'" in message[1:]:
        return message[1:message.index("'", 1)]
    return message
