"""Checks that repeat one consistent change, gathered so that an editor reviews them in one step."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from alignment.checks import SEVERITIES
from alignment.model import Check


@dataclass(frozen=True, slots=True)
class CheckGroup:
    """Checks sharing a group key: the key, the highest severity among them, their indices."""

    key: str
    severity: str
    checks: tuple[int, ...]

    @property
    def count(self) -> int:
        """How many checks the group holds."""
        return len(self.checks)


def group_checks(checks: Sequence[Check]) -> list[CheckGroup]:
    """Groups of two or more checks with one key, by severity, then the largest first."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(checks):
        if c.group:
            members[c.group].append(i)
    groups = [
        CheckGroup(key, min((checks[i].severity for i in idx), key=SEVERITIES.index), tuple(idx))
        for key, idx in members.items()
        if len(idx) > 1
    ]
    return sorted(groups, key=lambda g: (SEVERITIES.index(g.severity), -g.count, g.key))


def review_items(checks: Sequence[Check]) -> int:
    """What an editor has to look at: each group once, and each check outside a group."""
    groups = group_checks(checks)
    return len(checks) - sum(g.count for g in groups) + len(groups)
