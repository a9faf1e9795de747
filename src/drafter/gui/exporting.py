"""Export jobs, run in a worker thread: plain data in, paths and warnings out.

The Word writer (python-docx) is imported here, at export time, so the app starts without
paying for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import ExportError

if TYPE_CHECKING:
    from drafter.document import Document

logger = logging.getLogger(__name__)


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def pdf_available() -> tuple[bool, str]:
    from drafter.pdf import INSTALL_HINT, find_soffice

    if find_soffice() is None:
        return False, f"LibreOffice was not found; {INSTALL_HINT}."
    return True, ""


def run_export(write: Callable[[Path], object], path: Path, also_pdf: bool) -> ExportResult:
    """Call `write(path)`, then convert to PDF if asked. A failed PDF is a warning: the
    Word file is still there."""
    write(path)
    result = ExportResult([path])
    if also_pdf:
        from drafter.pdf import convert

        try:
            result.written.append(convert(path))
        except ExportError as exc:
            logger.warning("PDF not written: %s", exc)
            result.warnings.append(str(exc.problem.message))
    return result


def word_writer(doc: Document, template: str | None, line_numbers: bool
                ) -> Callable[[Path], object]:
    def write(path: Path) -> object:
        from drafter.formats.docx_writer import write_ordinance

        return write_ordinance(doc, path, template=template, line_numbers=line_numbers)

    return write
