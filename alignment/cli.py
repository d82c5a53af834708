"""The command line: `paralign align|check|report ORIGINAL PARAPHRASE`, for people and scripts."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from alignment import collector
from alignment.align import align
from alignment.documents import load_document
from alignment.errors import ParalignError
from alignment.formats import READINGS
from alignment.model import Alignment, Check, Document, Kind, Op
from alignment.output import STDOUT, check_target, write_file, write_text
from alignment.paths import shown
from alignment.summary import summarize

if TYPE_CHECKING:
    from alignment.review import Review

# The checks, the report, sessions, reviews, JSON and the installed version are imported by the
# commands and options that use them: together they took about a third of a plain `align` of a short pair.

PdfWriter = Callable[[str, str], None]
"""Writes report HTML to a PDF file; provided by the viewer, since the engine has no Qt."""

COMMANDS = ("align", "check", "report")
REPORT_SUFFIXES = (".html", ".htm", ".pdf")
EXIT_OK, EXIT_FLAGGED, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def main(argv: list[str] | None = None, *, pdf_writer: PdfWriter | None = None) -> int:
    """Run one subcommand; 0 on success, 1 when `check` finds a high-severity issue, 2 on bad input."""
    argv = sys.argv[1:] if argv is None else argv
    dashed = _dashed_file_name(argv)
    if dashed:
        _say(f"{shown(dashed)} looks like an option; for a file of that name write ./{shown(dashed)} "
             "(or put -- before the file names)")  # fmt: skip
        return EXIT_BAD_INPUT
    args = _parser().parse_args(argv)
    # A one-shot command that builds millions of small acyclic objects (the report and the checks
    # too, not only the alignment): the collector stays off for the whole run, as it was after.
    with collector.paused():
        return _run(args, pdf_writer)


def exit_now(code: int) -> NoReturn:
    """End the process with code once standard output and error are flushed, without the teardown.

    Every file is written and closed by then; the interpreter's teardown freed the engine's objects and
    modules one by one: about 0.1 s of CPU of a short pair's run, more of a book's, and nothing gained.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe has nothing left to take
            stream.flush()
    os._exit(code)


def _run(args: argparse.Namespace, pdf_writer: PdfWriter | None) -> int:
    """The subcommand, with every failure turned into one line and an exit code."""
    args.ahead = None
    try:
        _refuse_bad_outputs(args, pdf_writer)
        alignment = _aligned(args)
        for doc in (alignment.source, alignment.target):
            for note in doc.notes:
                _say(f"{shown(doc.path)}: {note}")
        return args.run(alignment, args, pdf_writer)
    except BrokenPipeError:
        # The reader (`| head`) has all it wants: stop quietly, as Unix tools do.
        _silence_stdout()
        return EXIT_OK
    except ParalignError as exc:
        _say(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        # Last resort: a bug must still end in one line the user can quote, not a traceback.
        if args.debug:
            traceback.print_exc()
        _say(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}, please report it"
             + ("" if args.debug else " (run with --debug for the details)"))  # fmt: skip
        return EXIT_INTERNAL
    finally:
        if args.ahead is not None:
            args.ahead.close()


def _aligned(args: argparse.Namespace) -> Alignment:
    """Both documents aligned; with --session, following its links, its review placed on the pairs."""
    source, target = _documents(args)
    if args.command in ("check", "report"):
        from alignment.checks_ahead import checks_ahead

        args.ahead = checks_ahead(source, target, args.split)  # gathers on the other core while we align
    # It gathers on the sentences split here, and checks the pairs as their words are compared.
    on_split = args.ahead.sentences if args.ahead is not None else None
    paired = args.ahead.paired if args.ahead is not None else None
    # Its worker and the sentence embedding's would share the second core: the checks' goes alone
    # (dev Bible check, alternated: 4.31-5.40 s with both, 3.74-5.16 s with the checks' alone).
    alone = args.ahead is None
    if args.session is None:
        args.review = None
        return align(source, target, split=args.split, paired=paired, on_split=on_split,
                     embed_ahead=alone)
    from alignment.session import placed_on, read_session, settle

    placed = placed_on(read_session(args.session), source, target, args.split)
    alignment = align(source, target, split=args.split, links=placed.review.links, paired=paired,
                      on_split=on_split, embed_ahead=alone)  # fmt: skip
    placed = settle(placed, alignment)
    for side in placed.changed:
        _say(f"{shown(alignment.document(side).path)} changed since the review was saved; "
             "the review follows its sentences by their text")  # fmt: skip
    for lost in placed.lost:
        _say(f"{shown(args.session)}: not placed, {lost.describe()}")
    args.review = placed.review
    return alignment


def _say(message: str) -> None:
    """One line on standard error, prefixed with the program's name."""
    print(f"paralign: {message}", file=sys.stderr)


def _version() -> str:
    from importlib import metadata

    try:
        return f"paralign {metadata.version('paralign')}"
    except metadata.PackageNotFoundError:
        return "paralign (version unknown: not installed, run from a source folder)"


class _VersionAction(argparse.Action):
    """`--version`: the version looked up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the program's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(_version())
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paralign", description="Align an original text with its paraphrase, sentence by sentence."
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, run, help_text in (
        ("align", _run_align, "list the sentence pairs and their word changes"),
        (
            "check",
            _run_check,
            "flag changed numbers, dates, names and quotations (exit 1 on any high severity)",
        ),
        ("report", _run_report, "write a self-contained HTML (or PDF) report"),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("original", help="the original text (txt, md, docx, odt, epub, rtf, html, pdf)")
        p.add_argument("paraphrase", nargs="?",
                       help="the rewritten text; without it, a .docx or .odt with tracked changes is "
                       "compared before (all rejected) and after (all accepted)")  # fmt: skip
        p.add_argument("--split", choices=("sentences", "lines"), default="sentences",
                       help="split into sentences (default) or take every non-empty line as one")  # fmt: skip
        p.add_argument("--html", choices=READINGS, default="article",
                       help="read a web page as its article (default) or whole, with its menus")  # fmt: skip
        if name == "report":
            p.add_argument("-o", "--output", required=True, metavar="FILE",
                           help="FILE.html, FILE.pdf, or - for HTML on standard output")  # fmt: skip
        else:
            p.add_argument("-o", "--output", default=STDOUT, metavar="FILE",
                           help="write to this file instead of standard output")  # fmt: skip
            p.add_argument("--json", action="store_true", help="machine-readable JSON")
        p.add_argument("--session", metavar="REVIEW",
                       help="a saved review: follow its links, show its verdicts and notes, leave out "
                       "its dismissed checks")  # fmt: skip
        p.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
        p.set_defaults(run=run)
    return parser


def _dashed_file_name(argv: list[str]) -> str | None:
    """A file name that argparse would take for an option ("-notes.txt"), if the command has one."""
    for token in argv[1:]:
        if token == "--":
            return None
        if (
            token.startswith("-")
            and not token.startswith("--")
            and len(token) > 2
            and ("." in token or os.path.lexists(token))
        ):
            return token
    return None


def _documents(args: argparse.Namespace) -> tuple[Document, Document]:
    """The two documents to align: two files, or one file's text before and after its tracked changes."""
    if args.paraphrase is None:
        path = args.original
        return load_document(path, tracked="rejected"), load_document(path, tracked="accepted")
    return load_document(args.original, html=args.html), load_document(args.paraphrase, html=args.html)


def _refuse_bad_outputs(args: argparse.Namespace, pdf_writer: PdfWriter | None) -> None:
    """Refuse, before any work, an output paralign cannot or must not write."""
    if args.command == "report" and args.output != STDOUT:
        suffix = os.path.splitext(args.output)[1].lower()
        if suffix not in REPORT_SUFFIXES:
            raise ParalignError(
                f"{shown(args.output)}: a report is written as .html or .pdf; name the file so"
            )
        if suffix == ".pdf" and pdf_writer is None:
            raise ParalignError(
                "PDF reports need the viewer (Qt); run the `paralign` command, or write .html"
            )
    check_target(args.output, tuple(p for p in (args.original, args.paraphrase) if p is not None))


def _write(args: argparse.Namespace, *parts: str) -> None:
    """Text (given as parts, in order) to the output file (atomically) or to standard output."""
    if args.output != STDOUT:
        write_text(args.output, *parts)
        return
    for part in parts:
        sys.stdout.write(part)
    sys.stdout.flush()  # here, so that a closed pipe is noticed while the handler can still see it


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the final flush at exit cannot fail on the closed pipe."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _json(data: object) -> str:
    """One JSON style for every command: compact, UTF-8 as it is, one line ending in a newline."""
    return json.dumps(data, ensure_ascii=False) + "\n"


def _run_align(alignment: Alignment, args: argparse.Namespace, _: PdfWriter | None) -> int:
    if args.json:
        from alignment.serialize import alignment_json_parts, alignment_to_json, review_to_json

        if args.review:
            _write(args, _json(review_to_json(alignment_to_json(alignment), alignment, args.review)))
        else:
            _write(args, *alignment_json_parts(alignment), "\n")
    else:
        _write(args, "".join(_listing(alignment, args.split, args.review)))
    return EXIT_OK


def _checks(alignment: Alignment, args: argparse.Namespace) -> list[Check]:
    """The editorial checks, from the worker begun before aligning if there is one."""
    if args.ahead is not None:
        return args.ahead.checks(alignment)
    from alignment.checks import run_checks

    return run_checks(alignment)


def _run_check(alignment: Alignment, args: argparse.Namespace, _: PdfWriter | None) -> int:
    checks = _checks(alignment, args)
    review = args.review
    if review is not None:
        found, checks = len(checks), review.kept(alignment, checks)
        if found > len(checks):
            _say(f"{found - len(checks)} dismissed check{'s' if found - len(checks) != 1 else ''} left out")
    if args.json:
        from alignment.serialize import check_review_to_json, checks_to_json

        data = checks_to_json(checks)
        if review is not None:
            data = check_review_to_json(data, alignment, checks, review, found - len(checks))
        _write(args, _json(data))
    else:
        _write(args, "".join(_check_lines(checks)))
    return EXIT_FLAGGED if any(c.severity == "high" for c in checks) else EXIT_OK


def _run_report(alignment: Alignment, args: argparse.Namespace, pdf_writer: PdfWriter | None) -> int:
    from alignment.report import render_html

    review = args.review
    pdf = args.output.lower().endswith(".pdf") and pdf_writer is not None
    html = render_html(alignment, _checks(alignment, args), review, packed=not pdf)
    if args.output == STDOUT:
        _write(args, html)
        return EXIT_OK
    if pdf:
        write_file(args.output, lambda temp: pdf_writer(html, temp))
    else:
        write_text(args.output, html)
    _say(f"report written to {shown(args.output)}")
    return EXIT_OK


def _listing(alignment: Alignment, unit: str, review: Review | None = None) -> list[str]:
    """Readable text: the summary, then each pair with its words marked [-deleted-] and {+inserted+}."""
    from alignment.review import NO_MARK, State, pair_key

    out = [line + "\n" for line in summarize(alignment).lines(unit)]
    if review is not None:
        from alignment.review_report import review_summary

        out.append(f"Review: {review_summary(review.counts(alignment))}.\n")
    for k, pair in enumerate(alignment.pairs):
        mark = review.pair_mark(pair_key(pair)) if review is not None else NO_MARK
        moved = "".join(
            (
                ", moved" if pair.moved else "",
                ", manual" if pair.manual else "",
                f", {mark.state.value}" if mark.state is not State.UNTOUCHED else "",
                f", note: {' '.join(mark.note.split())}" if mark.note else "",
            )
        )
        src = "+".join(str(i + 1) for i in pair.source) or "-"
        tgt = "+".join(str(j + 1) for j in pair.target) or "-"
        where = f"original {src} -> paraphrase {tgt}, score {pair.score:.2f}"
        out.append(f"\n#{k + 1} {pair.kind.value}{moved} ({where})\n")
        if pair.kind in (Kind.DELETED, Kind.SAME):
            out.append(f"  < {alignment.text('source', k)}\n")
        if pair.kind is Kind.ADDED:
            out.append(f"  > {alignment.text('target', k)}\n")
        if pair.kind not in (Kind.DELETED, Kind.ADDED, Kind.SAME):
            out.append(f"  ~ {_marked(alignment, k)}\n")
    return out


def _marked(alignment: Alignment, k: int) -> str:
    """The pair as one line in wdiff style: kept words plain, [-removed-] and {+added+} marked."""
    src, tgt = alignment.source.text, alignment.target.text
    parts = []
    for c in alignment.pairs[k].changes:
        if c.op is Op.EQUAL:
            parts.append(tgt[c.target[0] : c.target[1]])
            continue
        if c.source[1] > c.source[0]:
            parts.append(f"[-{src[c.source[0] : c.source[1]]}-]")
        if c.target[1] > c.target[0]:
            parts.append(f"{{+{tgt[c.target[0] : c.target[1]]}+}}")
    return " ".join(parts)


def _check_lines(checks: list[Check]) -> list[str]:
    if not checks:
        return ["No editorial issues found.\n"]
    return [f"{c.severity.upper():6s} {c.kind:10s} {c.message}\n" for c in checks]


if __name__ == "__main__":
    exit_now(main())
