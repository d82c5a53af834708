"""The README works as written: its library snippet runs from the repository root, its picture is small."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Most of a wheel or a package page's weight was this one picture (560 KB): a palette PNG does in a third.
MAX_PICTURE_BYTES = 200 * 1024


def test_library_snippet_runs_from_the_repository_root() -> None:
    snippet = re.search(r"```python\n(.*?)```", README, re.S)
    assert snippet is not None
    done = subprocess.run([sys.executable, "-c", snippet.group(1)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "changed" in done.stdout


def test_pictures_exist_and_stay_small() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README)
    assert pictures
    for link in pictures:
        path = ROOT / link
        assert path.is_file(), link
        assert path.stat().st_size <= MAX_PICTURE_BYTES, f"{link}: run packaging/shrink-screenshot.sh"
