"""A Word package (.docx) as named parts, read and written with lxml and zipfile alone.

Why not python-docx here: importing it costs more than laying out and writing a whole
ordinance, and a one-shot `drafter export` pays that import every time. The ordinance
writer works on these parts directly; the comparison, packet and redline writers open the
same prepared package with python-docx for its table and run API. Either way the base
document, the house-template handling and the header, footer, numbering and properties
parts come from here, once.

The base document is our own (`docx_base/`): Word's built-in style names, Times New Roman,
US Letter, and nothing a clerk did not ask for (no theme, no thumbnail, no custom XML).
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
import zlib
from importlib import resources
from pathlib import Path

from lxml import etree

from drafter.errors import ExportError
from drafter.formats.ooxml import W, qn

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_DOCUMENT = f"{_R}/officeDocument"
RT_STYLES = f"{_R}/styles"
RT_NUMBERING = f"{_R}/numbering"
RT_HEADER = f"{_R}/header"
RT_FOOTER = f"{_R}/footer"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_DOCX_MAIN = f"{_WML}.document.main+xml"
CT_STYLES = f"{_WML}.styles+xml"
CT_NUMBERING = f"{_WML}.numbering+xml"
CT_HEADER = f"{_WML}.header+xml"
CT_FOOTER = f"{_WML}.footer+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
CONTENT_TYPES = "[Content_Types].xml"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_TEMPLATE_BYTES = 30 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 150 * 1024 * 1024
MAX_XML_PART = 16 * 1024 * 1024  # larger XML in a template is a bomb, not a letterhead
RT_SETTINGS = f"{_R}/settings"
HF_TYPES = ("default", "first", "even")

# zip member -> file in docx_base/
BASE_FILES = {
    CONTENT_TYPES: "content-types.xml",
    "_rels/.rels": "package.rels",
    "docProps/app.xml": "app.xml",
    "word/document.xml": "document.xml",
    "word/_rels/document.xml.rels": "document.rels",
    "word/styles.xml": "styles.xml",
    "word/settings.xml": "settings.xml",
    "word/fontTable.xml": "fontTable.xml",
}

# Hostile templates: no entity expansion (XXE, "billion laughs"), no network, no huge trees.
_PARSER = etree.XMLParser(remove_blank_text=True, remove_comments=True,
                          resolve_entities=False, no_network=True, huge_tree=False)

_BASE_BLOBS: dict[str, bytes] = {}
# for a template whose content types forgot its pictures
_MEDIA_TYPES = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png",
                "gif": "image/gif", "bmp": "image/bmp", "tif": "image/tiff",
                "tiff": "image/tiff", "emf": "image/x-emf", "wmf": "image/x-wmf",
                "svg": "image/svg+xml", "xml": "application/xml"}


class Package:
    """Parts by zip member name; XML parts are parsed on first use and written back."""

    def __init__(self, blobs: dict[str, bytes], origin: str | Path = "") -> None:
        self._blobs = blobs
        self._trees: dict[str, etree._Element] = {}
        self._lower = {n.lower() for n in blobs}  # part names are case-insensitive (OPC)
        self.origin = origin
        self.main = self._main_part()

    # --- reading ------------------------------------------------------------------------

    @classmethod
    def base(cls) -> Package:
        if not _BASE_BLOBS:
            folder = resources.files("drafter.formats") / "docx_base"
            for member, name in BASE_FILES.items():
                _BASE_BLOBS[member] = (folder / name).read_bytes()
        return cls(dict(_BASE_BLOBS), "Drafter's base document")

    @classmethod
    def from_template(cls, path: Path) -> Package:
        """A clerk's house template (.docx or .dotx), checked before anything is parsed."""
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
            raise ExportError("not a Word file (.docx or .dotx): it is not a zip package",
                              path)
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                infos = [i for i in z.infolist() if not i.is_dir()]
                if sum(i.file_size for i in infos) > MAX_TEMPLATE_UNPACKED:
                    raise ExportError("template unpacks to more than 150 MB; refusing it",
                                      path)
                for i in infos:
                    if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_XML_PART:
                        raise ExportError(f"template part {i.filename} unpacks to "
                                          f"{i.file_size / 1048576:.0f} MB; refusing it",
                                          path)
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
        return cls(blobs, path)

    def has(self, name: str) -> bool:
        return name.lower() in self._lower

    def xml_of(self, name: str, root_tag: str) -> etree._Element:
        """`xml`, refusing a part whose root is not the element its relationship promises
        (a document.xml that is really a header, a styles.xml that is a font table)."""
        tree = self.xml(name)
        if tree.tag != root_tag:
            local = root_tag.rsplit("}", 1)[-1]
            raise ExportError(f"not a usable Word template: {name} is not a <{local}> part",
                              self.origin)
        return tree

    def xml(self, name: str) -> etree._Element:
        """The parsed part; changes to it are saved."""
        tree = self._trees.get(name)
        if tree is None:
            try:
                tree = etree.fromstring(self._blobs[name], _PARSER)
            except KeyError:
                raise ExportError(f"not a usable Word template: part {name} is missing",
                                  self.origin) from None
            except etree.XMLSyntaxError as exc:
                raise ExportError(f"not a usable Word template: {name}: {exc}",
                                  self.origin) from None
            if tree.getroottree().docinfo.doctype:
                # OPC forbids DTDs; entities left unexpanded would make the output invalid
                raise ExportError(f"not a usable Word template: {name} declares a DTD",
                                  self.origin)
            self._trees[name] = tree
        return tree

    def _main_part(self) -> str:
        found = self.related("", RT_DOCUMENT)
        if found is None or not self.has(found):
            raise ExportError("not a usable Word template: no main document part",
                              self.origin)
        return found

    # --- relationships and content types ------------------------------------------------

    @staticmethod
    def _rels_name(source: str) -> str:
        folder, base = posixpath.split(source)
        return posixpath.join(folder, "_rels", f"{base}.rels")

    def _rels(self, source: str) -> etree._Element:
        name = self._rels_name(source)
        if not self.has(name):
            self.put(name, etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS}))
        return self.xml(name)

    def related(self, source: str, reltype: str) -> str | None:
        """The part `source` ("" for the package) points to with `reltype`, if any."""
        if not self.has(self._rels_name(source)):
            return None
        for rel in self._rels(source):
            if rel.get("Type") == reltype and rel.get("TargetMode") != "External":
                return self.target_of(source, rel)
        return None

    def target_of(self, source: str, rel: etree._Element) -> str:
        t = rel.get("Target", "")
        return t.lstrip("/") if t.startswith("/") else \
            posixpath.normpath(posixpath.join(posixpath.dirname(source), t))

    def free_name(self, folder: str, stem: str, numbered: bool = True) -> str:
        """An unused part name: header1.xml, header2.xml... or styles.xml if free."""
        if not numbered and not self.has(posixpath.join(folder, f"{stem}.xml")):
            return posixpath.join(folder, f"{stem}.xml")
        n = 1
        while self.has(posixpath.join(folder, f"{stem}{n}.xml")):
            n += 1
        return posixpath.join(folder, f"{stem}{n}.xml")

    def add_part(self, source: str, reltype: str, name: str, root: etree._Element,
                 content_type: str) -> str:
        """A new part `name` related to `source`; returns the relationship id."""
        self.put(name, root)
        rels = self._rels(source)
        ids = {r.get("Id") for r in rels}
        k = 1
        while f"rId{k}" in ids:
            k += 1
        rid = f"rId{k}"
        rel = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", reltype)
        rel.set("Target", posixpath.relpath(name, posixpath.dirname(source) or ".")
                if source else name)
        self.ensure_type(name, content_type)
        return rid

    def ensure_type(self, name: str, content_type: str) -> None:
        """Declare a part's content type (some tools save a part Word needs typed only as
        generic XML, and Word or python-docx then ignores it)."""
        types = self.xml(CONTENT_TYPES)
        for override in types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/").lower() == name.lower():
                override.set("ContentType", content_type)
                return
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)

    def put(self, name: str, root: etree._Element) -> None:
        self._trees[name] = root
        self._blobs.setdefault(name, b"")
        self._lower.add(name.lower())

    def check_types(self) -> None:
        """[Content_Types].xml must be a Types list with the two defaults every package
        needs (relationship parts and plain XML)."""
        types = self.xml(CONTENT_TYPES)
        if types.tag != f"{{{CT_NS}}}Types":
            raise ExportError("not a usable Word template: [Content_Types].xml is not a "
                              "content-types list", self.origin)
        have = {d.get("Extension", "").lower() for d in types.iter(f"{{{CT_NS}}}Default")}
        for ext, ctype in (("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                           ("xml", "application/xml")):
            if ext not in have:
                self._default_type(ext, ctype)
                have.add(ext)
        typed = {o.get("PartName", "").lstrip("/").lower()
                 for o in types.iter(f"{{{CT_NS}}}Override")}
        for name in self._blobs:
            base = posixpath.basename(name)
            ext = base.rpartition(".")[2].lower() if "." in base else ""
            if ext and name != CONTENT_TYPES and name.lower() not in typed and \
                    ext not in have:
                self._default_type(ext, _MEDIA_TYPES.get(ext, "application/octet-stream"))
                have.add(ext)

    def _default_type(self, ext: str, ctype: str) -> None:
        d = etree.Element(f"{{{CT_NS}}}Default")
        d.set("Extension", ext)
        d.set("ContentType", ctype)
        self.xml(CONTENT_TYPES).insert(0, d)

    # --- writing ------------------------------------------------------------------------

    def save(self) -> bytes:
        """A zip with fixed member times and a fixed order: the same parts, the same bytes."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            names = [CONTENT_TYPES, *(n for n in self._blobs if n != CONTENT_TYPES)]
            for name in names:
                tree = self._trees.get(name)
                blob = self._blobs[name] if tree is None else etree.tostring(
                    tree, xml_declaration=True, encoding="UTF-8", standalone=True)
                write_member(z, name, blob)
        return out.getvalue()


def write_member(z: zipfile.ZipFile, name: str, blob: bytes) -> None:
    """One zip member with a fixed time and mode (also for python-docx's writer)."""
    info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, blob, compresslevel=1)


def base_styles() -> etree._Element:
    """A fresh copy of our base document's styles part."""
    return etree.fromstring(Package.base()._blobs["word/styles.xml"], _PARSER)


# --- preparing a package to write into ---------------------------------------------------


class Prepared:
    """The parts every writer fills, located (and created where missing) once.

    `headers` and `footers` hold (root, made here) for every header and footer a page of
    the document shows: the default one, and the first-page and even-page ones when the
    section or settings use them, so that "DRAFT" and "Page X of Y" are on every page."""

    def __init__(self, pkg: Package, house: bool, required_styles: tuple[str, ...]):
        self.pkg = pkg
        pkg.check_types()
        main = pkg.main
        pkg.ensure_type(main, CT_DOCX_MAIN)  # a .dotx is a .docx with another label
        self.document = pkg.xml_of(main, qn("w:document"))
        body = self.document.find(qn("w:body"))
        if body is None:
            raise ExportError("not a usable Word template: the document has no body",
                              pkg.origin)
        self.body = body
        sectpr = body.find(qn("w:sectPr"))
        if sectpr is None:
            sectpr = etree.SubElement(body, qn("w:sectPr"))
        self.sectpr = sectpr
        if house:  # keep the template's page set-up, letterhead and styles, not its text
            self._inherit_header_footer_refs()
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        self.styles = self._part(main, RT_STYLES, "styles", CT_STYLES, "w:styles")
        ensure_styles(self.styles, required_styles)
        self.numbering = self._part(main, RT_NUMBERING, "numbering", CT_NUMBERING,
                                    "w:numbering")
        types = ["default"]
        if _on(sectpr.find(qn("w:titlePg"))):
            types.append("first")
        settings = pkg.related(main, RT_SETTINGS)
        if settings and pkg.has(settings) and _on(
                pkg.xml(settings).find(qn("w:evenAndOddHeaders"))):
            types.append("even")
        self.types = types
        self.headers = [self._header_footer("header", t, RT_HEADER, CT_HEADER) for t in types]
        self.footers = [self._header_footer("footer", t, RT_FOOTER, CT_FOOTER) for t in types]
        self._drop_broken_refs()
        # the properties are always ours (`ooxml.fill_core`), on a root that declares the
        # namespaces their values refer to
        self.core = etree.Element(qn_core("cp:coreProperties"), nsmap=CORE_NS)
        core = pkg.related("", RT_CORE)
        if core is None:
            core = pkg.free_name("docProps", "core", numbered=False)
            pkg.add_part("", RT_CORE, core, self.core, CT_CORE)
        else:
            pkg.put(core, self.core)
            pkg.ensure_type(core, CT_CORE)

    def _inherit_header_footer_refs(self) -> None:
        """A section without its own header shows the previous section's ("link to
        previous"). Only the last section survives emptying the body, so it takes over the
        references it inherited, and the letterhead with them."""
        earlier = [sp for sp in self.body.iter(qn("w:sectPr")) if sp is not self.sectpr]
        for kind in ("header", "footer"):
            tag = qn(f"w:{kind}Reference")
            have = {r.get(qn("w:type"), "default") for r in self.sectpr.findall(tag)}
            for t in HF_TYPES:
                if t in have:
                    continue
                for sp in reversed(earlier):
                    ref = next((r for r in sp.findall(tag)
                                if r.get(qn("w:type"), "default") == t), None)
                    if ref is not None:
                        self.sectpr.insert(0, copy.deepcopy(ref))
                        break

    def _part(self, main: str, reltype: str, stem: str, ctype: str,
              root_tag: str) -> etree._Element:
        name = self.pkg.related(main, reltype)
        if name is None or not self.pkg.has(name):
            root = etree.Element(qn(root_tag), nsmap={"w": W})
            if stem == "styles":
                root = base_styles()
            if name is None:
                name = self.pkg.free_name(posixpath.dirname(main), stem, numbered=False)
                self.pkg.add_part(main, reltype, name, root, ctype)
            else:  # the relationship is there, its part is not: make it where it points
                self.pkg.put(name, root)
        self.pkg.ensure_type(name, ctype)
        return self.pkg.xml_of(name, qn(root_tag))

    def _ref_target(self, ref: etree._Element) -> str | None:
        rid = ref.get(f"{{{_R}}}id")
        for rel in self.pkg._rels(self.pkg.main):
            if rel.get("Id") == rid and rel.get("TargetMode") != "External":
                return self.pkg.target_of(self.pkg.main, rel)
        return None

    def _header_footer(self, kind: str, htype: str, reltype: str,
                       ctype: str) -> tuple[etree._Element, bool]:
        """The section's header (footer) of type `htype`; a new one if it has none."""
        ref_tag = qn(f"w:{kind}Reference")
        root_tag = qn("w:hdr" if kind == "header" else "w:ftr")
        for ref in self.sectpr.findall(ref_tag):
            if ref.get(qn("w:type"), "default") != htype:
                continue
            name = self._ref_target(ref)
            if name is not None and self.pkg.has(name):
                self.pkg.ensure_type(name, ctype)
                return self.pkg.xml_of(name, root_tag), False
            self.sectpr.remove(ref)  # points nowhere: replaced below
        root = etree.Element(root_tag, nsmap={"w": W, "r": _R})
        p = etree.SubElement(root, qn("w:p"))
        style = style_ids(self.styles).get(kind)
        if style:
            etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(
                qn("w:val"), style[0])
        name = self.pkg.free_name(posixpath.dirname(self.pkg.main), kind)
        rid = self.pkg.add_part(self.pkg.main, reltype, name, root, ctype)
        ref = etree.Element(ref_tag)
        ref.set(qn("w:type"), htype)
        ref.set(f"{{{_R}}}id", rid)
        # header and footer references come first in w:sectPr; headers before footers
        same = self.sectpr.findall(ref_tag)
        refs = same if kind == "header" else [
            c for c in self.sectpr if c.tag in (qn("w:headerReference"), ref_tag)]
        if refs:
            refs[-1].addnext(ref)
        else:
            self.sectpr.insert(0, ref)
        return root, True

    def _drop_broken_refs(self) -> None:
        """References and relationships that point to nothing would make Word and
        python-docx refuse the file."""
        for ref in list(self.sectpr):
            if ref.tag in (qn("w:headerReference"), qn("w:footerReference")):
                name = self._ref_target(ref)
                if name is None or not self.pkg.has(name):
                    self.sectpr.remove(ref)
        for source in ("", self.pkg.main):
            rels = self.pkg._rels(source)
            for rel in list(rels):
                if rel.get("TargetMode") != "External" and \
                        not self.pkg.has(self.pkg.target_of(source, rel)):
                    rels.remove(rel)


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not set to false."""
    return el is not None and el.get(qn("w:val"), "true") not in ("0", "false", "off")


def qn_core(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{CORE_NS[prefix]}}}{local}"


def style_ids(styles: etree._Element) -> dict[str, tuple[str, bool]]:
    """Lower-cased style name -> (style id, is the default of its type). Word's built-in
    names are matched without case ("Heading 1" is stored as "heading 1")."""
    out: dict[str, tuple[str, bool]] = {}
    for s in styles.iter(qn("w:style")):
        name = s.find(qn("w:name"))
        sid = s.get(qn("w:styleId"))
        if name is None or sid is None:
            continue
        key = (name.get(qn("w:val")) or "").lower()
        out.setdefault(key, (sid, s.get(qn("w:default")) in ("1", "true", "on")))
    return out


def ensure_styles(styles: etree._Element, names: tuple[str, ...]) -> None:
    """Word saves only the styles a document uses; copy any we need (and the styles they
    are based on) from our base document."""
    have = style_ids(styles)
    missing = [n for n in names if n.lower() not in have]
    if not missing:
        return
    base = base_styles()
    by_id = {s.get(qn("w:styleId")): s for s in base.iter(qn("w:style"))}
    base_names = style_ids(base)
    ids = {sid for sid, _ in have.values()}
    queue = [base_names[n.lower()][0] for n in missing if n.lower() in base_names]
    while queue:
        sid = queue.pop(0)
        if sid in ids or sid not in by_id:
            continue
        el = by_id[sid]
        styles.append(el)
        ids.add(sid)
        based = el.find(qn("w:basedOn"))
        if based is not None:
            queue.append(based.get(qn("w:val")))
