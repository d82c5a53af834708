"""Exporting the report of an alignment to HTML or PDF, as File ▸ Export report… does, in the background."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar

from alignment.errors import ParalignError
from alignment.model import Alignment, Check
from alignment.report import Progress, render_html
from alignment.review import Review
from viewer.pdf_export import write_pdf

REPORT_FILTERS = {"HTML report (*.html)": ".html", "PDF report (*.pdf)": ".pdf"}
WRITING_SHARE = 0.8
"""The part of the export bar that writing the HTML fills, pair by pair; saving it or laying it out as
a PDF (one Qt call that says nothing of how far it is) fills the rest when it is done."""
PARTIAL = ".partial"
"""Suffix of the file a report is written to before it takes its name, so no half report is ever left."""


def report_path(path: str, chosen_filter: str) -> Path:
    """The file to write: the name as given when it ends in .html, .htm or .pdf, else the filter's."""
    out = Path(path)
    if out.suffix.lower() in (".html", ".htm", ".pdf"):
        return out
    return out.with_name(out.name + REPORT_FILTERS.get(chosen_filter, ".html"))


def export_report(alignment: Alignment, checks: Sequence[Check], path: Path, review: Review | None = None,
                  phase: Callable[[str], None] = lambda _name: None,
                  progress: Progress = lambda _fraction: None) -> None:
    """Write the report to ``path``, as PDF when it ends in .pdf; never over one of the documents.

    With a review, the report holds its verdicts and notes and leaves its dismissed checks out, as
    ``paralign report --session`` does.  ``phase`` is told the name of each step as it starts,
    ``progress`` the fraction of the whole export done (see :data:`WRITING_SHARE`)."""
    shown = {Path(doc.path).resolve() for doc in (alignment.source, alignment.target) if doc.path}
    if path.resolve() in shown:
        raise ParalignError(f"{path.name} is one of the open documents: choose another file for the report")
    phase("Writing the report")
    pdf = path.suffix.lower() == ".pdf"
    html = render_html(alignment, list(checks), review, lambda f: progress(f * WRITING_SHARE), packed=not pdf)
    partial = path.with_name(path.name + PARTIAL)
    try:
        if pdf:
            phase("Laying out the PDF")
            write_pdf(html, str(partial))
        else:
            phase("Saving the report")
            partial.write_text(html, encoding="utf-8")
        os.replace(partial, path)
        progress(1.0)
    except OSError as exc:
        raise ParalignError(f"{path}: the report could not be written ({exc.strerror or exc})") from exc
    finally:
        partial.unlink(missing_ok=True)


class ReportExport(QObject):
    """Exports a report in a thread, its phase named in a bar that fills as the pairs are written;
    ``done`` gives the error or ""."""

    phase = Signal(str)
    progressed = Signal(int)
    done = Signal(str, str)

    def __init__(self, bar: QProgressBar) -> None:
        super().__init__()
        self._bar = bar
        self._bar.setRange(0, 100)
        self._bar.setAccessibleName("Export progress")
        self._bar.hide()
        self._percent = 0
        self.phase.connect(lambda name: self._bar.setFormat(f"{name}… %p%"))
        self.progressed.connect(self._bar.setValue)
        self.done.connect(lambda _path, _error: self._bar.hide())
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether a report is being written."""
        return self._thread is not None and self._thread.is_alive()

    def start(
        self, alignment: Alignment, checks: Sequence[Check], path: Path, review: Review | None = None
    ) -> None:
        """Write the report (with the review, if any) in the background; ``done`` says how it went.

        Not a daemon thread: a report asked for is finished even when the window closes meanwhile."""
        self._bar.setFormat("Writing the report… %p%")
        self._bar.setValue(0)
        self._percent = 0
        self._bar.show()
        self._thread = threading.Thread(target=self._run, args=(alignment, list(checks), path, review),
                                        name="paralign export")
        self._thread.start()

    def _progress(self, fraction: float) -> None:
        """In the thread: pass the export's progress on, only when its whole percent changed."""
        percent = round(fraction * 100)
        if percent != self._percent:
            self._percent = percent
            self.progressed.emit(percent)

    def _run(self, alignment: Alignment, checks: list[Check], path: Path, review: Review | None) -> None:
        """In the thread: write the report and say how it went."""
        try:
            export_report(alignment, checks, path, review, self.phase.emit, self._progress)
        except ParalignError as exc:
            self.done.emit(str(path), str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in the report must not take the window down
            self.done.emit(str(path), f"The report failed unexpectedly: {type(exc).__name__}: {exc}")
        else:
            self.done.emit(str(path), "")
