"""Exporting the report of an alignment to HTML or PDF, as File ▸ Export report… does."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alignment.errors import ParalignError
from alignment.model import Alignment, Check
from alignment.report import render_html
from viewer.pdf_export import write_pdf

REPORT_FILTERS = {"HTML report (*.html)": ".html", "PDF report (*.pdf)": ".pdf"}


def report_path(path: str, chosen_filter: str) -> Path:
    """The file to write: the name as given when it ends in .html, .htm or .pdf, else the filter's."""
    out = Path(path)
    if out.suffix.lower() in (".html", ".htm", ".pdf"):
        return out
    return out.with_name(out.name + REPORT_FILTERS.get(chosen_filter, ".html"))


def export_report(alignment: Alignment, checks: Sequence[Check], path: Path) -> None:
    """Write the report to ``path``, as PDF when it ends in .pdf; never over one of the documents."""
    shown = {Path(doc.path).resolve() for doc in (alignment.source, alignment.target) if doc.path}
    if path.resolve() in shown:
        raise ParalignError(f"{path.name} is one of the open documents: choose another file for the report")
    html = render_html(alignment, list(checks))
    if path.suffix.lower() == ".pdf":
        write_pdf(html, str(path))
        return
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ParalignError(f"{path}: the report could not be written ({exc.strerror or exc})") from exc
