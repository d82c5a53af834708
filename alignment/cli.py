"""The command line: `paralign align|check|report ORIGINAL PARAPHRASE`, for people and scripts."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from alignment.align import align
from alignment.checks import run_checks
from alignment.documents import load_document
from alignment.errors import ParalignError
from alignment.model import Alignment, Check, Kind, Op
from alignment.report import render_html
from alignment.serialize import alignment_to_json, checks_to_json
from alignment.summary import summarize

PdfWriter = Callable[[str, str], None]
"""Writes report HTML to a PDF file; provided by the viewer, since the engine has no Qt."""

COMMANDS = ("align", "check", "report")


def main(argv: list[str] | None = None, *, pdf_writer: PdfWriter | None = None) -> int:
    """Run one subcommand; 0 on success, 1 when `check` finds a high-severity issue, 2 on bad input."""
    parser = _parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    # A one-shot command that builds millions of small acyclic objects: the cyclic collector
    # would rescan them over and over (a third of the run on a book) and free nothing.
    gc.disable()
    try:
        _refuse_to_overwrite_inputs(args)
        alignment = align(load_document(args.original), load_document(args.paraphrase), split=args.split)
        return args.run(alignment, args, pdf_writer)
    except ParalignError as exc:
        print(f"paralign: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"paralign: cannot write {exc.filename or 'output'}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("paralign: interrupted", file=sys.stderr)
        return 130
    finally:
        gc.enable()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paralign", description="Align an original text with its paraphrase, sentence by sentence."
    )
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
        p.add_argument("original", help="the original text (txt, md, docx, odt, rtf, html, pdf)")
        p.add_argument("paraphrase", help="the rewritten text")
        p.add_argument("--split", choices=("sentences", "lines"), default="sentences",
                       help="split into sentences (default) or take every non-empty line as one")  # fmt: skip
        p.add_argument("-o", "--output", help="write to this file instead of standard output",
                       required=name == "report")  # fmt: skip
        if name != "report":
            p.add_argument("--json", action="store_true", help="machine-readable JSON")
        p.set_defaults(run=run)
    return parser


def _refuse_to_overwrite_inputs(args: argparse.Namespace) -> None:
    if args.output is None:
        return
    out = Path(args.output).resolve()
    if out in (Path(args.original).resolve(), Path(args.paraphrase).resolve()):
        raise ParalignError(f"{args.output}: refusing to write over an input file")


def _write(args: argparse.Namespace, emit: Callable[[TextIO], None]) -> None:
    if args.output is None:
        emit(sys.stdout)
        return
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        emit(f)


def _run_align(alignment: Alignment, args: argparse.Namespace, _: PdfWriter | None) -> int:
    if args.json:
        data = alignment_to_json(alignment)
        # One dumps and one write: json.dump writes each small chunk separately and is several times slower.
        _write(args, lambda f: f.write(json.dumps(data, ensure_ascii=False)))
    else:
        _write(args, lambda f: f.writelines(_listing(alignment)))
    return 0


def _run_check(alignment: Alignment, args: argparse.Namespace, _: PdfWriter | None) -> int:
    checks = run_checks(alignment)
    if args.json:
        data = checks_to_json(checks)
        _write(args, lambda f: json.dump(data, f, ensure_ascii=False, indent=1))
    else:
        _write(args, lambda f: f.writelines(_check_lines(checks)))
    return 1 if any(c.severity == "high" for c in checks) else 0


def _run_report(alignment: Alignment, args: argparse.Namespace, pdf_writer: PdfWriter | None) -> int:
    html = render_html(alignment, run_checks(alignment))
    if args.output.lower().endswith(".pdf"):
        if pdf_writer is None:
            raise ParalignError(
                "PDF reports need the viewer (Qt); run the `paralign` command, or write .html"
            )
        pdf_writer(html, args.output)
    else:
        Path(args.output).write_text(html, encoding="utf-8")
    print(f"paralign: report written to {args.output}", file=sys.stderr)
    return 0


def _listing(alignment: Alignment) -> list[str]:
    """Readable text: the summary, then each pair with its words marked [-deleted-] and {+inserted+}."""
    out = [line + "\n" for line in summarize(alignment).lines()]
    for k, pair in enumerate(alignment.pairs):
        moved = ", moved" if pair.moved else ""
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
    sys.exit(main())
