"""Build src/drafter/formats/base.docx, the one base document every Word writer starts from.

The parts live here as readable XML (tools/docx_base/, with comments); this script strips
comments and indentation and zips them with fixed member times, so running it twice gives
the same bytes. Run it after editing a part, and commit the .docx it writes:

    python tools/make_base_docx.py

The base is deliberately small: Word's built-in style names (Normal, Title, Heading 1/2,
List Number, Header, Footer, Table Grid and the defaults they rest on), Times New Roman,
US Letter with one-inch margins, empty numbering and core-properties parts for the writers
to fill, and nothing a clerk did not ask for (no theme, thumbnail or custom XML).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "drafter" / "formats" / "base.docx"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# zip member -> source file, in the order they are written ([Content_Types].xml first)
PARTS = {
    "[Content_Types].xml": "content-types.xml",
    "_rels/.rels": "package.rels",
    "docProps/app.xml": "app.xml",
    "docProps/core.xml": "core.xml",
    "word/document.xml": "document.xml",
    "word/_rels/document.xml.rels": "document.rels",
    "word/styles.xml": "styles.xml",
    "word/settings.xml": "settings.xml",
    "word/fontTable.xml": "fontTable.xml",
    "word/numbering.xml": "numbering.xml",
}


def compact(path: Path) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True,
                             resolve_entities=False, no_network=True)
    root = etree.fromstring(path.read_bytes(), parser)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main() -> int:
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
        for member, source in PARTS.items():
            info = zipfile.ZipInfo(member, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, compact(HERE / "docx_base" / source))
    print(f"wrote {OUT.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
