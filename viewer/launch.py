"""The `paralign` command: engine subcommands run headless; anything else opens the window."""

from __future__ import annotations

import gc
import os
import sys

BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}
"""BLAS's threads, unless the user sets them: paralign's matrix products are small stacked ones, which
more threads do not speed up, and their spinning between calls took 0.1-0.2 s of CPU on the dev Bible from
the core the embedding and checks workers use.  Read by numpy when it is first imported: set before."""


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the command line (align, check, report) or to the viewer."""
    args = sys.argv[1:] if argv is None else argv
    limit_blas_threads()
    # Importing builds tens of thousands of objects that live as long as the process (modules, classes,
    # tables), and the collector rescanned them some 45 times for nothing: 15-35 ms of a short pair's
    # run. A command keeps it off to the end, as it did already for its work; the window turns it on.
    gc.disable()
    if args and args[0] in ("align", "check", "report", "--version"):
        from alignment.cli import exit_now
        from alignment.cli import main as cli_main

        exit_now(cli_main(args, pdf_writer=_pdf_writer))
    try:
        from viewer.app import main as app_main
    finally:
        gc.enable()
    return app_main(args)


def limit_blas_threads() -> None:
    """Set BLAS_THREADS unless the user has: before numpy is first imported, which reads them."""
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)


def _pdf_writer(html: str, path: str) -> None:
    """Render report HTML to PDF through Qt (imported only when a PDF is asked for)."""
    from viewer.pdf_export import write_pdf

    write_pdf(html, path)


if __name__ == "__main__":
    sys.exit(main())
