"""Opening the document a Word writer starts from: Drafter's own base, or a clerk's house
template (`--template HOUSE.docx/.dotx`).

python-docx opens well-formed packages; house templates come from every tool there is and
some are broken or hostile. So a template is checked at the zip level first (a regular file,
not too large, not a bomb, not encrypted or damaged, not macro-enabled), then its package is
repaired where Word itself would cope (a relationship to a missing part, a part typed only
as generic XML, a .dotx label, names that differ only in case, no styles or numbering part)
and refused with one line naming the file where it would not (a DTD, a part that is not
what its relationship promises, XML that does not parse). Only then does python-docx open
it. The repairs use python-docx's own OPC element classes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from drafter.errors import ExportError

CONTENT_TYPES = "[Content_Types].xml"
MAX_TEMPLATE_BYTES = 30 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 150 * 1024 * 1024
MAX_XML_PART = 16 * 1024 * 1024  # larger XML in a template is a bomb, not a letterhead
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_DOCUMENT = f"{_R}/officeDocument"
RT_STYLES = f"{_R}/styles"
RT_NUMBERING = f"{_R}/numbering"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# what a part related by each relationship type must be: content type, root element
PART_KINDS = {
    RT_DOCUMENT: (f"{_WML}.document.main+xml", "w:document"),
    RT_STYLES: (f"{_WML}.styles+xml", "w:styles"),
    RT_NUMBERING: (f"{_WML}.numbering+xml", "w:numbering"),
    f"{_R}/header": (f"{_WML}.header+xml", "w:hdr"),
    f"{_R}/footer": (f"{_WML}.footer+xml", "w:ftr"),
    f"{_R}/settings": (f"{_WML}.settings+xml", "w:settings"),
    RT_CORE: ("application/vnd.openxmlformats-package.core-properties+xml", None),
}
# for a template whose content types forgot its pictures
_MEDIA_TYPES = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png",
                "gif": "image/gif", "bmp": "image/bmp", "tif": "image/tiff",
                "tiff": "image/tiff", "emf": "image/x-emf", "wmf": "image/x-wmf",
                "svg": "image/svg+xml", "xml": "application/xml",
                "rels": "application/vnd.openxmlformats-package.relationships+xml"}


@cache
def base_blobs() -> dict[str, bytes]:
    """The parts of Drafter's base document (formats/base.docx, built by
    tools/make_base_docx.py)."""
    data = (resources.files("drafter.formats") / "base.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@cache
def base_bytes() -> bytes:
    return (resources.files("drafter.formats") / "base.docx").read_bytes()


def open_document(template: str | Path | None) -> Any:
    """A python-docx Document: the base document, or the repaired house template."""
    import docx

    if template is None:
        return docx.Document(io.BytesIO(base_bytes()))
    path = Path(template)
    data = repair(read_template(path), path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for odd packages
        raise ExportError(f"not a usable Word template: {exc}", path) from None


def read_template(path: Path) -> dict[str, bytes]:
    """The members of a template, checked before anything is parsed."""
    if not path.exists():
        raise ExportError("template not found", path)
    if path.is_dir():
        raise ExportError("template is a folder, not a Word file", path)
    if not path.is_file():  # a device or a pipe: reading it may never end
        raise ExportError("template is not a regular file", path)
    size = path.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise ExportError(f"template is too large ({size / 1048576:.1f} MB)", path)
    raw = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise ExportError("not a Word file (.docx or .dotx): it is not a zip package", path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
            if sum(i.file_size for i in infos) > MAX_TEMPLATE_UNPACKED:
                raise ExportError("template unpacks to more than 150 MB; refusing it", path)
            for i in infos:
                if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_XML_PART:
                    raise ExportError(f"template part {i.filename} unpacks to "
                                      f"{i.file_size / 1048576:.0f} MB; refusing it", path)
            blobs = {i.filename: z.read(i) for i in infos}
    except ExportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError, zlib.error) as exc:
        # RuntimeError: an encrypted member; zlib.error: a damaged one
        raise ExportError(f"damaged Word file: {exc}", path) from None
    if CONTENT_TYPES not in blobs or "_rels/.rels" not in blobs:
        raise ExportError("not a Word file (.docx or .dotx): no word/document.xml or "
                          "other main document part", path)
    if b"macroEnabled" in blobs[CONTENT_TYPES]:
        raise ExportError("macro-enabled Word files (.docm/.dotm) are not accepted; "
                          "save the template as .docx or .dotx", path)
    return blobs


def _has_dtd(blob: bytes) -> bool:
    if blob[:2] in (b"\xff\xfe", b"\xfe\xff"):
        blob = blob.decode("utf-16", "replace").encode()
    return b"<!DOCTYPE" in blob


class _Repair:
    """The template's package, its relationships walked from the package root."""

    def __init__(self, blobs: dict[str, bytes], origin: Path):
        self.blobs = blobs
        self.origin = origin
        self.actual: dict[str, str] = {}  # part names are case-insensitive (OPC)
        for name in blobs:
            self.actual.setdefault(name.lower(), name)
        for name, blob in blobs.items():
            if name.endswith((".xml", ".rels")) and _has_dtd(blob):
                # OPC forbids DTDs; entities left unexpanded would make the output invalid
                self.fail(f"{name} declares a DTD")
        self.types = self.opc_xml(CONTENT_TYPES)
        from docx.opc.oxml import qn

        if self.types.tag != qn("ct:Types"):
            self.fail("[Content_Types].xml is not a content-types list")
        self.overrides = {o.get("PartName", "").lstrip("/").lower(): o
                          for o in self.types.overrides}
        self.core: str | None = None

    def fail(self, problem: str) -> None:
        raise ExportError(f"not a usable Word template: {problem}", self.origin)

    def opc_xml(self, name: str) -> Any:
        from docx.opc.oxml import parse_xml

        try:
            return parse_xml(self.blobs[name])  # type: ignore[arg-type]  # bytes work
        except Exception as exc:  # lxml's XMLSyntaxError, or a parser refusal
            self.fail(f"{name}: {exc}")

    def save_xml(self, name: str, root: Any) -> None:
        from docx.opc.oxml import serialize_part_xml

        self.blobs[name] = serialize_part_xml(root)

    def set_type(self, name: str, content_type: str) -> None:
        over = self.overrides.get(name.lower())
        if over is None:
            self.types.add_override("/" + name, content_type)
            self.overrides[name.lower()] = self.types.overrides[-1]
        else:
            over.set("ContentType", content_type)

    def add(self, name: str, blob: bytes, content_type: str) -> None:
        self.blobs[name] = blob
        self.actual[name.lower()] = name
        self.set_type(name, content_type)

    def check_root(self, name: str, tag: str) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        try:
            root = parse_xml(self.blobs[name])
        except Exception as exc:
            self.fail(f"{name}: {exc}")
        if root.tag != qn(tag):
            self.fail(f"{name} is not a <{tag.split(':')[1]}> part")

    @staticmethod
    def rels_name(source: str) -> str:
        folder, base = posixpath.split(source)
        return posixpath.join(folder, "_rels", f"{base}.rels")

    def walk(self) -> str:
        """Repair every relationship reachable from the package; returns the main part."""
        main = None
        seen: set[str] = set()
        queue = [""]
        while queue:
            source = queue.pop(0)
            rels_name = self.actual.get(self.rels_name(source).lower())
            if rels_name is None:
                if source == main:  # the main part relates to what we add below
                    rels_name = self.rels_name(source)
                    self.blobs[rels_name] = b""
                else:
                    continue
            from docx.opc.oxml import CT_Relationships

            rels = self.opc_xml(rels_name) if self.blobs[rels_name] else \
                CT_Relationships.new()
            have = set()
            for rel in list(rels.Relationship_lst):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target", "")
                name = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
                reltype = rel.get("Type", "")
                found = self.actual.get(name.lower())
                if found is None and reltype == RT_STYLES and not name.startswith(".."):
                    found = name  # Word's own styles, made where the relationship points
                    self.add(name, base_blobs()["word/styles.xml"], PART_KINDS[RT_STYLES][0])
                if found is None or (reltype == RT_DOCUMENT and source != ""):
                    rels.remove(rel)  # points to nothing: Word and python-docx would refuse
                    continue
                if found != name:
                    rel.set("Target", "/" + found)
                kind = PART_KINDS.get(reltype)
                if kind is not None:
                    self.set_type(found, kind[0])
                    if kind[1] is not None:
                        self.check_root(found, kind[1])
                if reltype == RT_DOCUMENT:
                    main = found
                elif reltype == RT_CORE and source == "":
                    self.core = found
                have.add(reltype)
                if found not in seen:
                    seen.add(found)
                    queue.append(found)
            if source == "" and main is None:
                self.fail("no main document part")
            if source == "":
                self._core(rels, have)
            if source == main:
                self._main_parts(main, rels, have)
            self.save_xml(rels_name, rels)
        assert main is not None
        return main

    def _free(self, folder: str, stem: str) -> str:
        n, name = 0, posixpath.join(folder, f"{stem}.xml")
        while name.lower() in self.actual:
            n += 1
            name = posixpath.join(folder, f"{stem}{n}.xml")
        return name

    def _relate(self, rels: Any, source: str, reltype: str, name: str) -> None:
        ids = {r.get("Id") for r in rels.Relationship_lst}
        k = 1
        while f"rId{k}" in ids:
            k += 1
        rels.add_rel(f"rId{k}", reltype, posixpath.relpath(name, posixpath.dirname(source)
                                                            or ".") if source else name)

    def _core(self, rels: Any, have: set[str]) -> None:
        """The properties are always ours: an empty part for the writer to fill."""
        base = base_blobs()["docProps/core.xml"]
        if self.core is not None:
            self.blobs[self.core] = base
            return
        name = self._free("docProps", "core")
        self.add(name, base, PART_KINDS[RT_CORE][0])
        self._relate(rels, "", RT_CORE, name)

    def _main_parts(self, main: str, rels: Any, have: set[str]) -> None:
        """Styles and numbering parts where a template has none (python-docx cannot make
        a numbering part, and its own default styles are not ours)."""
        folder = posixpath.dirname(main)
        for reltype, member in ((RT_STYLES, "word/styles.xml"),
                                (RT_NUMBERING, "word/numbering.xml")):
            if reltype in have:
                continue
            name = self._free(folder, posixpath.basename(member)[:-4])
            self.add(name, base_blobs()[member], PART_KINDS[reltype][0])
            self._relate(rels, main, reltype, name)

    def defaults(self) -> None:
        """Every member needs a content type: the two defaults every package has, and a
        default for any other extension left untyped."""
        have = {d.get("Extension", "").lower() for d in self.types.defaults}
        for name in self.blobs:
            base = posixpath.basename(name)
            ext = base.rpartition(".")[2].lower() if "." in base else ""
            if ext and name != CONTENT_TYPES and name.lower() not in self.overrides and \
                    ext not in have:
                self.types.add_default(ext, _MEDIA_TYPES.get(ext, "application/octet-stream"))
                have.add(ext)
        for ext in ("rels", "xml"):
            if ext not in have:
                self.types.add_default(ext, _MEDIA_TYPES[ext])


def repair(blobs: dict[str, bytes], origin: Path) -> bytes:
    """The template's package, repaired where Word would cope, as .docx bytes."""
    rep = _Repair(blobs, origin)
    rep.walk()
    rep.defaults()
    rep.save_xml(CONTENT_TYPES, rep.types)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, blob in rep.blobs.items():
            z.writestr(name, blob)
    return out.getvalue()
