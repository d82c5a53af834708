"""The `.paralign` review session file: both documents, the forced links, the marks and the notes.

A session names both documents with their SHA-256 and keeps the text of every sentence its links and
marks refer to.  Opened against documents that changed since, it is placed again by that text: a
sentence still present (nearest to where its neighbours went) keeps what was attached to it; what
cannot be placed is listed as :class:`Lost`, never dropped in silence.  A hand-written file holding
only ``{"version": 1, "links": [{"source": [0], "target": [0, 1]}]}`` is valid: indices without a
saved text are taken as they are.  The format is described in the README.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from alignment.errors import ParalignError
from alignment.model import Alignment, Document, Side
from alignment.review import CheckKey, Mark, PairKey, Review, State
from alignment.segment import SplitMode, segment

SESSION_VERSION = 1
SUFFIX = ".paralign"
MAX_SESSION_BYTES = 200 * 1024 * 1024
"""A session of a fully reviewed long book is tens of megabytes; anything far larger is not one."""
SIDES: tuple[Side, Side] = ("source", "target")
SIDE_NAMES = {"source": "original", "target": "paraphrase"}


class SessionError(ParalignError):
    """A session file that cannot be read, or whose links do not fit the documents."""


@dataclass(frozen=True)
class SavedSide:
    """One document as the session knew it: its path, its hash and the sentences referred to."""

    path: str = ""
    sha256: str = ""
    sentences: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Session:
    """A review with both documents as they were when it was saved; indices are as saved."""

    review: Review
    source: SavedSide = SavedSide()
    target: SavedSide = SavedSide()
    split: SplitMode = "sentences"

    def side(self, side: Side) -> SavedSide:
        """The saved document on one side."""
        return self.source if side == "source" else self.target


@dataclass(frozen=True)
class Lost:
    """Something of the session that could not be placed on the documents as they are now."""

    what: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    note: str = ""

    def describe(self) -> str:
        """One line for a person: what it was and the beginning of its sentences."""
        texts = " ↔ ".join(_clip(" ".join(t)) or "—" for t in (self.source, self.target))
        return f"{self.what}: {texts}" + (f" (note: {_clip(self.note)})" if self.note else "")


@dataclass(frozen=True)
class Placed:
    """A session placed on the current documents: the review in their indices, and what was lost."""

    review: Review
    lost: tuple[Lost, ...]
    changed: tuple[Side, ...]


def _clip(text: str, limit: int = 60) -> str:
    """A short single line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_sha256(path: str) -> str:
    """The SHA-256 of a file's bytes, or '' when there is no readable file."""
    if not path:
        return ""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def sentence_texts(alignment: Alignment, side: Side) -> list[str]:
    """The text of every sentence on one side, in order."""
    text = alignment.document(side).text
    return [text[s.start : s.end] for s in alignment.sentences(side)]


def referred(review: Review) -> dict[Side, set[int]]:
    """The sentences a review refers to on each side."""
    keys = [
        *review.links,
        *review.pairs,
        *(k.pair for k in review.checks),
        *(k.pair for k in review.dismissed),
    ]
    return {"source": {i for k in keys for i in k[0]}, "target": {j for k in keys for j in k[1]}}


def session_of(alignment: Alignment, review: Review, split: SplitMode = "sentences") -> Session:
    """A session of a review over an alignment, with the documents' hashes and referred sentences."""
    used = referred(review)
    sides = {}
    for side in SIDES:
        doc, sents = alignment.document(side), alignment.sentences(side)
        texts = {i: doc.text[sents[i].start : sents[i].end] for i in sorted(used[side])}
        sides[side] = SavedSide(doc.path, file_sha256(doc.path), texts)
    return Session(review, sides["source"], sides["target"], split)


# Writing and reading -------------------------------------------------------------------------


def _key_json(key: PairKey) -> dict[str, list[int]]:
    return {"source": list(key[0]), "target": list(key[1])}


def session_to_json(session: Session) -> dict[str, Any]:
    """The session as JSON-ready data (the `.paralign` file)."""
    r = session.review
    return {
        "version": SESSION_VERSION,
        "split": session.split,
        **{
            side: {
                "path": s.path,
                "sha256": s.sha256,
                "sentences": {str(i): t for i, t in sorted(s.sentences.items())},
            }
            for side, s in (("source", session.source), ("target", session.target))
        },
        "links": [_key_json(k) for k in r.links],
        "pairs": [
            {**_key_json(k), "state": m.state.value, "note": m.note} for k, m in sorted(r.pairs.items())
        ],
        "checks": [
            {
                "pair": _key_json(k.pair),
                "kind": k.kind,
                "change": k.change,
                "source_text": k.source,
                "target_text": k.target,
                "state": (m := r.check_mark(k)).state.value,
                "note": m.note,
                "dismissed": k in r.dismissed,
            }
            for k in sorted({*r.checks, *r.dismissed})
        ],
        "dismissed_groups": sorted(r.dismissed_groups),
    }


def save_session(path: str | Path, session: Session) -> None:
    """Write a session file atomically; never over one of its own documents."""
    out = Path(path)
    for s in (session.source, session.target):
        if s.path and out.resolve() == Path(s.path).resolve():
            raise SessionError(f"{out}: refusing to write a session over an input document")
    # No indent: json writes indented output in pure Python, several times slower on a long book.
    text = json.dumps(session_to_json(session), ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(
        prefix=".paralign-", suffix=".tmp", dir=out.parent if out.parent.exists() else None
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SessionError(f"{out}: cannot write the session ({exc.strerror or exc})") from None


def read_session(path: str | Path) -> Session:
    """A session file read and checked; any fault is one SessionError naming the file."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_SESSION_BYTES:
            raise SessionError(f"{p}: too large to be a paralign session")
        data = json.loads(p.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise SessionError(f"{p}: no such session file") from None
    except OSError as exc:
        raise SessionError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise SessionError(f"{p}: not a paralign session (not valid JSON: {exc})") from None
    except RecursionError:
        raise SessionError(f"{p}: not a paralign session (nested too deeply)") from None
    try:
        return session_from_json(data)
    except SessionError as exc:
        raise SessionError(f"{p}: not a paralign session ({exc})") from None


class _Reader:
    """Typed access to the parsed JSON, raising SessionError with the place of a fault."""

    @staticmethod
    def obj(value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise SessionError(f"{where} must be an object")
        return value

    @staticmethod
    def items(value: object, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise SessionError(f"{where} must be a list")
        return value

    @staticmethod
    def text(value: object, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise SessionError(f"{where} must be text")
        return value

    @staticmethod
    def index(value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SessionError(f"{where} must hold sentence numbers (0 or more)")
        return value

    def indices(self, value: object, where: str) -> tuple[int, ...]:
        items = self.items(value, where)
        if all(type(i) is int and i >= 0 for i in items):  # the usual case, without a call per number
            return tuple(items)
        return tuple(self.index(i, where) for i in items)

    def key(self, value: object, where: str) -> PairKey:
        item = self.obj(value, where)
        src = self.indices(item.get("source"), f"{where}.source")
        tgt = self.indices(item.get("target"), f"{where}.target")
        if not src and not tgt:
            raise SessionError(f"{where} names no sentence")
        if len(set(src)) != len(src) or len(set(tgt)) != len(tgt):
            raise SessionError(f"{where} names a sentence twice")
        return tuple(sorted(src)), tuple(sorted(tgt))

    def state(self, value: object, where: str) -> State:
        try:
            return State(value if value is not None else State.UNTOUCHED)
        except ValueError:
            choices = ", ".join(s.value for s in State)
            raise SessionError(f"{where} must be one of {choices}") from None


def session_from_json(data: object) -> Session:
    """A session from parsed JSON, checked field by field."""
    r = _Reader()
    root = r.obj(data, "the file")
    version = root.get("version")
    if version != SESSION_VERSION:
        raise SessionError(f"version {version!r} is not one this paralign reads (it reads {SESSION_VERSION})")
    split = root.get("split", "sentences")
    if split not in get_args(SplitMode):
        raise SessionError(f"split must be one of {', '.join(get_args(SplitMode))}")
    sides = {}
    for side in SIDES:
        s = r.obj(root.get(side, {}), side)
        sentences = r.obj(s.get("sentences", {}), f"{side}.sentences")
        texts = {}
        for i, t in sentences.items():
            if not i.isdigit():
                raise SessionError(f"{side}.sentences keys must be sentence numbers")
            texts[int(i)] = r.text(t, f"{side}.sentences[{i}]")
        sides[side] = SavedSide(
            r.text(s.get("path"), f"{side}.path"), r.text(s.get("sha256"), f"{side}.sha256"), texts
        )
    links = [r.key(x, f"links[{n}]") for n, x in enumerate(r.items(root.get("links"), "links"))]
    _refuse_overlaps(links)
    pairs: dict[PairKey, Mark] = {}
    for n, x in enumerate(r.items(root.get("pairs"), "pairs")):
        where = f"pairs[{n}]"
        item = r.obj(x, where)
        pairs[r.key(item, where)] = Mark(
            r.state(item.get("state"), f"{where}.state"), r.text(item.get("note"), where)
        )
    checks: dict[CheckKey, Mark] = {}
    dismissed = set()
    for n, x in enumerate(r.items(root.get("checks"), "checks")):
        where = f"checks[{n}]"
        item = r.obj(x, where)
        key = CheckKey(
            r.key(item.get("pair"), f"{where}.pair"),
            r.text(item.get("kind"), f"{where}.kind"),
            r.text(item.get("change"), f"{where}.change"),
            r.text(item.get("source_text"), f"{where}.source_text"),
            r.text(item.get("target_text"), f"{where}.target_text"),
        )
        mark = Mark(r.state(item.get("state"), f"{where}.state"), r.text(item.get("note"), f"{where}.note"))
        if not mark.empty:
            checks[key] = mark
        if item.get("dismissed", False) is True:
            dismissed.add(key)
    groups = frozenset(
        r.text(g, "dismissed_groups") for g in r.items(root.get("dismissed_groups"), "dismissed_groups")
    )
    review = Review({k: m for k, m in pairs.items() if not m.empty}, checks, frozenset(dismissed), groups)
    return Session(review.with_links(links), sides["source"], sides["target"], split)


def _refuse_overlaps(links: Iterable[PairKey]) -> None:
    """No sentence may be forced into two links."""
    seen: dict[Side, set[int]] = {"source": set(), "target": set()}
    for n, (src, tgt) in enumerate(links):
        for side, idx in (("source", src), ("target", tgt)):
            twice = seen[side].intersection(idx)
            if twice:
                raise SessionError(
                    f"links[{n}] puts {SIDE_NAMES[side]} sentence {min(twice)} in a second link"
                )
            seen[side].update(idx)


# Placing a session on the documents as they are now -----------------------------------------


def _index_map(saved: Mapping[int, str], current: Sequence[str]) -> dict[int, int]:
    """Where each saved sentence stands now: same text, nearest to where the sentences before it went."""
    if all(i < len(current) and current[i] == t for i, t in saved.items()):
        return {i: i for i in saved}  # nothing moved: the usual case
    wanted = set(saved.values())
    at: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(current):
        if t in wanted:
            at[t].append(j)
    out: dict[int, int] = {}
    taken: set[int] = set()
    shift = 0
    for i in sorted(saved):
        text, guess = saved[i], i + shift
        if 0 <= guess < len(current) and current[guess] == text and guess not in taken:
            found = guess
        else:
            spots = [j for j in at.get(text, ()) if j not in taken]
            if not spots:
                continue
            k = bisect.bisect_left(spots, guess)
            found = min(spots[max(k - 1, 0) : k + 1], key=lambda j: abs(j - guess))
        out[i], shift = found, found - i
        taken.add(found)
    return out


class _Placer:
    """Moves keys of saved indices to current indices, noting what cannot be moved."""

    def __init__(self, session: Session, current: Mapping[Side, Sequence[str]]) -> None:
        self.session = session
        self.sizes = {side: len(current[side]) for side in SIDES}
        self.maps = {side: _index_map(session.side(side).sentences, current[side]) for side in SIDES}

    def move(self, key: PairKey) -> PairKey | None:
        """The key in current indices, None when one of its saved sentences is gone."""
        moved = []
        for side, idx in zip(SIDES, key, strict=True):
            saved, where = self.session.side(side).sentences, self.maps[side]
            out = []
            for i in idx:
                if i in saved:
                    if i not in where:
                        return None
                    out.append(where[i])
                elif i < self.sizes[side]:
                    out.append(i)
                else:
                    raise SessionError(
                        f"{SIDE_NAMES[side]} sentence {i} does not exist (the {SIDE_NAMES[side]} "
                        f"has {self.sizes[side]} sentences, numbered from 0)"
                    )
            moved.append(tuple(sorted(out)))
        return moved[0], moved[1]

    def texts(self, key: PairKey) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The saved texts of a key's sentences, as far as the session has them."""
        s, t = self.session.source.sentences, self.session.target.sentences
        return tuple(s.get(i, f"#{i}") for i in key[0]), tuple(t.get(j, f"#{j}") for j in key[1])


def placed_on(session: Session, source: Document, target: Document, split: SplitMode) -> Placed:
    """A session placed on two documents before they are aligned (its links must be known first)."""
    if session.split != split:
        raise SessionError(f"the review was made splitting into {session.split}, not {split}")
    current = {side: [doc.text[s.start : s.end] for s in segment(doc.text, split)]
               for side, doc in (("source", source), ("target", target))}  # fmt: skip
    return place(session, current, {"source": source.path, "target": target.path})


def settle(placed: Placed, alignment: Alignment) -> Placed:
    """A placed review kept to the pairs the alignment has; marks on pairs aligned otherwise now are lost.

    A verdict on a pair is about those sentences together: when the documents changed and the aligner
    groups them differently, the verdict is listed rather than moved onto another pair.
    """
    review, gone = placed.review.restricted_to(alignment)
    if not gone:
        return placed
    texts = {side: sentence_texts(alignment, side) for side in SIDES}
    lost = []
    for key in gone:
        words = tuple(texts["source"][i] for i in key[0]), tuple(texts["target"][j] for j in key[1])
        mark = placed.review.pair_mark(key)
        if not mark.empty:
            what = "note" if mark.state is State.UNTOUCHED else f"{mark.state.value} pair"
            lost.append(Lost(f"{what} on a pair aligned otherwise now", *words, mark.note))
        lost += [
            Lost(
                f"check ({k.kind}, {k.change}) on a pair aligned otherwise now",
                *words,
                placed.review.check_mark(k).note,
            )
            for k in sorted({*placed.review.checks, *placed.review.dismissed})
            if k.pair == key
        ]
    return Placed(review, placed.lost + tuple(lost), placed.changed)


def place(session: Session, current: Mapping[Side, Sequence[str]], path_of: Mapping[Side, str]) -> Placed:
    """The session's review in the indices of the current sentence texts, and what could not be placed.

    ``path_of`` gives the documents' paths now, for telling which of them changed since the save.
    """
    placer = _Placer(session, current)
    review, lost = session.review, []
    links = []
    for key in review.links:
        moved = placer.move(key)
        if moved is None:
            lost.append(Lost("link", *placer.texts(key)))
        else:
            links.append(moved)
    pairs: dict[PairKey, Mark] = {}
    for key, mark in review.pairs.items():
        moved = placer.move(key)
        if moved is None:
            lost.append(
                Lost(
                    f"{mark.state.value} pair" if mark.state is not State.UNTOUCHED else "note",
                    *placer.texts(key),
                    mark.note,
                )
            )
        else:
            pairs[moved] = mark
    checks: dict[CheckKey, Mark] = {}
    dismissed = set()
    for key in sorted({*review.checks, *review.dismissed}):
        moved = placer.move(key.pair)
        mark = review.check_mark(key)
        if moved is None:
            what = "dismissed check" if key in review.dismissed else f"{mark.state.value} check"
            lost.append(Lost(f"{what} ({key.kind}, {key.change})", *placer.texts(key.pair), mark.note))
            continue
        new = key._replace(pair=moved)
        if not mark.empty:
            checks[new] = mark
        if key in review.dismissed:
            dismissed.add(new)
    _refuse_overlaps(links)
    placed = Review(pairs, checks, frozenset(dismissed), review.dismissed_groups).with_links(links)
    changed = tuple(
        side
        for side in SIDES
        if session.side(side).sha256 and session.side(side).sha256 != file_sha256(path_of.get(side, ""))
    )
    return Placed(placed, tuple(lost), changed)
