"""Draft files: the user's ordinance in progress, as human-readable YAML.

A draft names the jurisdiction, the chosen clauses in order and any wording the user
changed. Loading validates everything and reports all problems at once; saving is atomic
so a crash or a full disk never leaves a half-written draft behind.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean
from drafter.vocab import AGENCIES, KIND_WORDS, KINDS, STATES

if TYPE_CHECKING:
    import yaml

    from drafter.load.yamlio import Checker, Located

# The YAML reader and writer are imported where a draft is read or written, not with the
# data model: the app's start page shows before any file is read.

FORMAT_VERSION = 1
MAX_DRAFT_BYTES = 2 * 1024 * 1024
MAX_NAME = 200

TOP_KEYS = ("drafter_draft", "jurisdiction", "ordinance", "clauses", "export")
JUR_KEYS = ("name", "kind", "state", "formal_name", "governing_body", "agencies")
ORD_KEYS = ("number", "title", "short_title", "sponsor", "introduced", "draft_date",
            "effective", "code_chapter",
            *("meeting_date", "agenda_item", "department", "prepared_by", "reviewed_by"))
# the staff report's memo block (drafter packet); all optional, bracketed blanks if absent
MEETING_TEXT_KEYS = ("agenda_item", "department", "prepared_by", "reviewed_by")
CLAUSE_KEYS = ("id", "text")
EXPORT_KEYS = ("line_numbers", "template", "savings_clause")


@dataclass
class Jurisdiction:
    name: str = ""
    kind: str = "city"
    state: str = ""
    formal_name: str = ""
    governing_body: str = ""
    agencies: dict[str, str | None] = field(default_factory=dict)

    @property
    def kind_word(self) -> str:
        return KIND_WORDS.get(self.kind, "City")

    @property
    def display_name(self) -> str:
        """The formal name, in the state's form: "City of Springfield", "Harris County"."""
        from drafter.ordinance.localgov import local_government

        return local_government(self).place.formal

    @property
    def body(self) -> str:
        """The governing body: as entered, else the state profile's usual name for it."""
        from drafter.ordinance.localgov import local_government

        return local_government(self).body

    def agency(self, key: str) -> str | None:
        v = self.agencies.get(key)
        return v or None


@dataclass
class Ordinance:
    number: str = ""
    title: str = ""
    short_title: str = ""
    code_chapter: str = ""   # where the local code takes it: "Chapter 2.92" (optional)
    sponsor: str = ""
    introduced: dt.date | None = None
    draft_date: dt.date | None = None
    effective: str = ""
    # for the staff report's memo block: the meeting it goes to and who prepared it
    meeting_date: dt.date | None = None
    agenda_item: str = ""
    department: str = ""
    prepared_by: str = ""
    reviewed_by: str = ""


@dataclass
class ChosenClause:
    id: str
    text: str | None = None  # the user's own wording; None = library text
    line: int | None = None

    @property
    def edited(self) -> bool:
        return self.text is not None


@dataclass
class ExportOptions:
    line_numbers: bool = False
    template: str | None = None
    savings_clause: bool = True


@dataclass
class Draft:
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    ordinance: Ordinance = field(default_factory=Ordinance)
    clauses: list[ChosenClause] = field(default_factory=list)
    export: ExportOptions = field(default_factory=ExportOptions)
    path: Path | None = None

    @property
    def state_name(self) -> str:
        return STATES.get(self.jurisdiction.state, self.jurisdiction.state)

    def clause_ids(self) -> list[str]:
        return [c.id for c in self.clauses]

    def copy(self) -> Draft:
        """An independent copy, even of an incomplete draft (no re-validation)."""
        return copy.deepcopy(self)


# --- reading ---------------------------------------------------------------------------


def load_draft(path: Path | str, clause_ids: set[str] | None = None) -> Draft:
    """Read and validate a draft; `clause_ids` (the library's) enables unknown-id checks."""
    path = Path(path)
    from drafter.load.yamlio import load_yaml

    doc = load_yaml(path, MAX_DRAFT_BYTES)
    return _from_located(doc, clause_ids, path)


def parse_draft(text: str, file: str = "<draft>", clause_ids: set[str] | None = None) -> Draft:
    from drafter.load.yamlio import parse_yaml

    return _from_located(parse_yaml(text, file), clause_ids, None)


def from_data(data: dict[str, Any], file: str = "<draft>", path: Path | None = None,
              clause_ids: set[str] | None = None) -> Draft:
    from drafter.load.yamlio import Located

    return _from_located(Located(file, data), clause_ids, path)


def _from_located(doc: Located, clause_ids: set[str] | None, path: Path | None) -> Draft:
    from drafter.load.yamlio import Checker

    chk = Checker(doc)
    top = chk.mapping(doc.data, (), "a draft")
    if doc.data is None:
        raise DrafterError("empty file; a draft needs at least 'drafter_draft' and "
                           "'jurisdiction'", doc.file, 1)
    chk.keys(top, (), TOP_KEYS, ("drafter_draft", "jurisdiction"), "draft")
    version = top.get("drafter_draft")
    if version is not None and version != FORMAT_VERSION:
        if isinstance(version, int) and version > FORMAT_VERSION:
            chk.add(("drafter_draft",), f"draft format {version} is newer than this Drafter "
                    f"understands ({FORMAT_VERSION}); update Drafter")
        else:
            chk.add(("drafter_draft",), f"unknown draft format '{version}'")
    d = Draft(path=path)

    jp = ("jurisdiction",)
    j = chk.mapping(top.get("jurisdiction", {}), jp, "jurisdiction")
    chk.keys(j, jp, JUR_KEYS, ("name", "kind", "state"), "jurisdiction")
    jur = d.jurisdiction
    jur.name = _name(chk, j.get("name"), (*jp, "name"), "jurisdiction name") or ""
    kind = j.get("kind")
    if kind is not None:
        jur.kind = chk.choice(kind, (*jp, "kind"), KINDS, "jurisdiction kind") or "city"
    state = chk.text(j.get("state"), (*jp, "state"), "state code", required=False)
    if state is not None:
        code = state.upper()
        if code in STATES:
            jur.state = code
        else:
            chk.add((*jp, "state"), f"unknown state code '{state}'"
                    f"{did_you_mean(code, STATES)}; use a two-letter postal code like TX")
    jur.formal_name = _name(chk, j.get("formal_name"), (*jp, "formal_name"), "formal name",
                            required=False) or ""
    jur.governing_body = _name(chk, j.get("governing_body"), (*jp, "governing_body"),
                               "governing body", required=False) or ""
    ag = j.get("agencies") or {}
    ap = (*jp, "agencies")
    ag = chk.mapping(ag, ap, "agencies")
    chk.keys(ag, ap, AGENCIES, what="agencies")
    for key in AGENCIES:
        if key in ag:
            jur.agencies[key] = _name(chk, ag[key], (*ap, key), f"{key} agency",
                                      required=False) or None

    op = ("ordinance",)
    o = chk.mapping(top.get("ordinance") or {}, op, "ordinance")
    chk.keys(o, op, ORD_KEYS, what="ordinance")
    ordn = d.ordinance
    for key in ("number", "sponsor", "short_title", "effective", "code_chapter"):
        setattr(ordn, key, _name(chk, o.get(key), (*op, key), key.replace("_", " "),
                                 required=False, max_len=1000) or "")
    ordn.title = _name(chk, o.get("title"), (*op, "title"), "title", required=False,
                       max_len=4000) or ""
    ordn.introduced = chk.date(o.get("introduced"), (*op, "introduced"), "introduced")
    ordn.draft_date = chk.date(o.get("draft_date"), (*op, "draft_date"), "draft date")
    ordn.meeting_date = chk.date(o.get("meeting_date"), (*op, "meeting_date"), "meeting date")
    for key in MEETING_TEXT_KEYS:
        setattr(ordn, key, _name(chk, o.get(key), (*op, key), key.replace("_", " "),
                                 required=False) or "")

    cp = ("clauses",)
    raw_clauses = top.get("clauses") or []
    if not isinstance(raw_clauses, list):
        chk.add(cp, "clauses must be a list")
        raw_clauses = []
    seen: set[str] = set()
    for i, item in enumerate(raw_clauses):
        ip = (*cp, i)
        if isinstance(item, str):
            item = {"id": item}
        m = chk.mapping(item, ip, "a chosen clause")
        chk.keys(m, ip, CLAUSE_KEYS, ("id",), "chosen clause")
        cid = chk.text(m.get("id"), (*ip, "id"), "clause id")
        if not cid:
            continue
        if clause_ids is not None and cid not in clause_ids:
            chk.add((*ip, "id"), f"unknown clause id '{cid}'{did_you_mean(cid, clause_ids)}")
            continue
        if cid in seen:
            chk.add((*ip, "id"), f"clause '{cid}' is chosen twice")
            continue
        seen.add(cid)
        text = m.get("text")
        if text is not None:
            text = chk.text(text, (*ip, "text"), "clause text", max_len=200_000)
        d.clauses.append(ChosenClause(cid, text, doc.line(ip)))

    ep = ("export",)
    e = chk.mapping(top.get("export") or {}, ep, "export")
    chk.keys(e, ep, EXPORT_KEYS, what="export")
    for key in ("line_numbers", "savings_clause"):
        if key in e:
            if isinstance(e[key], bool):
                setattr(d.export, key, e[key])
            else:
                chk.add((*ep, key), f"{key} must be true or false")
    if e.get("template"):
        d.export.template = chk.text(e["template"], (*ep, "template"), "template")
    chk.raise_if_any()
    return d


def _name(chk: Checker, value: Any, path: tuple[str | int, ...], what: str, required: bool = True,
          max_len: int = MAX_NAME) -> str | None:
    """Names end up in headings and Word XML: strip control characters, bound length."""
    if value is None or value == "":
        if required:
            chk.add(path, f"{what} is missing")
        return None
    s = chk.text(value, path, what, max_len=max_len)
    if s is None:
        return None
    s = s.strip()
    if required and not s:
        chk.add(path, f"{what} is empty")
    if any(brace in s for brace in TEMPLATE_BRACES):
        chk.add(path, f"{what} must not contain template braces ({{{{ }}}}, {{% %}})")
    return s


TEMPLATE_BRACES = ("{{", "}}", "{%", "%}")


# --- writing ---------------------------------------------------------------------------


def to_data(d: Draft) -> dict[str, Any]:
    j = d.jurisdiction
    jur: dict[str, Any] = {"name": j.name, "kind": j.kind, "state": j.state}
    if j.formal_name:
        jur["formal_name"] = j.formal_name
    jur["governing_body"] = j.body
    jur["agencies"] = {k: j.agencies.get(k) or None for k in AGENCIES}
    o = d.ordinance
    ordn: dict[str, Any] = {}
    for key in ("number", "title", "short_title", "sponsor", "code_chapter"):
        if getattr(o, key):
            ordn[key] = getattr(o, key)
    if o.introduced:
        ordn["introduced"] = o.introduced
    if o.draft_date:
        ordn["draft_date"] = o.draft_date
    if o.effective:
        ordn["effective"] = o.effective
    if o.meeting_date:
        ordn["meeting_date"] = o.meeting_date
    for key in MEETING_TEXT_KEYS:
        if getattr(o, key):
            ordn[key] = getattr(o, key)
    clauses = []
    for c in d.clauses:
        entry: dict[str, Any] = {"id": c.id}
        if c.text is not None:
            entry["text"] = c.text
        clauses.append(entry)
    export: dict[str, Any] = {"line_numbers": d.export.line_numbers,
                              "savings_clause": d.export.savings_clause}
    if d.export.template:
        export["template"] = d.export.template
    return {"drafter_draft": FORMAT_VERSION, "jurisdiction": jur, "ordinance": ordn,
            "clauses": clauses, "export": export}


@cache
def _dumper() -> type[yaml.SafeDumper]:
    """PyYAML's safe dumper, writing multi-line text as readable | blocks."""
    import yaml

    from drafter.load.yamlio import clean_text

    class Dumper(yaml.SafeDumper):
        pass

    def str_rep(dumper: yaml.SafeDumper, s: str) -> yaml.Node:
        style = "|" if "\n" in s else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", clean_text(s), style=style)

    Dumper.add_representer(str, str_rep)
    return Dumper


def dumps(d: Draft) -> str:
    import yaml

    header = "# Drafter draft — edit with the Drafter app or any text editor.\n"
    return header + yaml.dump(to_data(d), Dumper=_dumper(), sort_keys=False, allow_unicode=True,
                              width=88, default_flow_style=False)


def atomic_write(path: Path | str, data: bytes) -> None:
    """Kept for callers; `drafter.outputs.write_atomic` holds the rules."""
    from drafter.outputs import write_atomic

    write_atomic(path, data)


def save_draft(d: Draft, path: Path | str | None = None) -> Path:
    """Write the draft, unless Drafter could not open the file again (a name typed with
    template braces, say): then nothing is written and the error says why, so a save never
    leaves a file that looks saved and will not reopen."""
    target = Path(path) if path is not None else d.path
    if target is None:
        raise DrafterError("no file name given for the draft")
    text = dumps(d)
    refuse_unloadable(text, target)
    atomic_write(target, text.encode("utf-8"))
    d.path = target
    return target


def new_draft(name: str, kind: str, state: str, clause_ids: list[str] | None = None) -> Draft:
    """A draft with the defaults of the state's jurisdiction profile: the governing body's
    usual name and the agencies a place of this kind usually has. Refuses a kind the state
    does not have (a county in Connecticut, a parish outside Louisiana)."""
    from drafter.ordinance.localgov import check_kind_exists, default_agencies, local_government
    from drafter.ordinance.names import bare_name

    problems = []
    if kind not in KINDS:
        problems.append(Problem(f"unknown jurisdiction kind '{kind}'{did_you_mean(kind, KINDS)}"
                                f"; expected one of: {', '.join(KINDS)}"))
    code = state.upper()
    if code not in STATES:
        problems.append(Problem(f"unknown state code '{state}'{did_you_mean(code, STATES)}"))
    if problems:
        raise DataErrors(problems)
    check_kind_exists(code, kind)
    from drafter.load.yamlio import clean_text

    if clean_text(name) != name:
        raise DrafterError("the name contains a character a Word document cannot hold; "
                           "retype it without control or special characters")
    jur = Jurisdiction(name=bare_name(name.strip(), kind), kind=kind, state=code)
    jur.governing_body = local_government(jur).body
    jur.agencies.update(default_agencies(jur.name, kind, code))
    today = dt.date.today()
    ordn = Ordinance(draft_date=today, effective="thirty days after its final passage")
    return Draft(jur, ordn, [ChosenClause(c) for c in (clause_ids or [])])


def refuse_unloadable(text: str, out: str | os.PathLike[str],
                      clause_ids: set[str] | None = None) -> None:
    """Refuse to write a draft that Drafter itself could not open again (an empty or
    overlong name given to `drafter new`, say): the loader's own rules decide, so the two
    can never disagree. Each problem is reported against the file that was not written."""
    try:
        parse_draft(text, os.fspath(out), clause_ids)
    except DrafterError as exc:
        raise DataErrors([Problem(f"not written: {p.message}", os.fspath(out))
                          for p in exc.problems]) from None
