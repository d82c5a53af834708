"""Project rules that must hold: the engine has no Qt, and the Qt pin guard against a known crash."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_engine_imports_no_qt() -> None:
    offenders = []
    for path in (ROOT / "alignment").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "viewer")
            ]
    assert offenders == []


def test_engine_runs_without_qt_loaded() -> None:
    import subprocess

    code = (
        "import sys, alignment, alignment.cli, alignment.checks, alignment.report; "
        "from alignment import align, document_from_text as d; align(d('A b c.'), d('A b c.')); "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_none_refcount_survives_void_qt_calls(qapp: object) -> None:
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None on each void call and aborts later."""
    from PySide6.QtGui import QTextCursor, QTextDocument

    doc = QTextDocument("x" * 100)
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for k in range(1000):
        cursor.setPosition(k % 100)
    assert sys.getrefcount(None) >= before - 10
