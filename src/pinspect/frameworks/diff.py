"""What changed between two frameworks: elements added, removed or reworded.

Elements are compared level by level (standards, key questions, prompts). Identical wording
pairs first (whatever the ids); the remaining removed and added elements are paired greedily by
text similarity (``difflib``'s ratio, at least ``min_similarity``), best pair first, and shown
with their word-level changes. What is left is added or removed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from pinspect.frameworks.model import Framework

__all__ = ["Change", "FrameworkDiff", "diff_frameworks", "word_diff"]

LEVELS = ("standard", "key question", "prompt")


@dataclass(frozen=True)
class Change:
    level: str
    kind: str  # added | removed | reworded | renumbered
    old_id: str | None
    new_id: str | None
    old_text: str | None
    new_text: str | None
    similarity: float | None = None

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "level": self.level,
            "kind": self.kind,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "old_text": self.old_text,
            "new_text": self.new_text,
        }
        if self.similarity is not None:
            data["similarity"] = round(self.similarity, 3)
        if self.kind == "reworded" and self.old_text and self.new_text:
            data["words"] = word_diff(self.old_text, self.new_text)
        return data


@dataclass(frozen=True)
class FrameworkDiff:
    old: str
    new: str
    changes: tuple[Change, ...]
    unchanged: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "old": self.old,
            "new": self.new,
            "unchanged": self.unchanged,
            "changes": [c.as_dict() for c in self.changes],
        }


def _elements(framework: Framework, level: str) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for standard in framework.standards:
        if level == "standard":
            text = standard.name + (f": {standard.statement}" if standard.statement else "")
            items.append((standard.id, text))
            continue
        for kq in standard.key_questions:
            if level == "key question":
                items.append((kq.id, kq.text))
                continue
            items.extend((p.id, p.text) for p in kq.prompts)
    return items


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def word_diff(old: str, new: str) -> str:
    """Word-level changes, removed words as ``[-…-]`` and added ones as ``{+…+}``."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _diff_level(
    level: str, old: list[tuple[str, str]], new: list[tuple[str, str]], min_similarity: float
) -> tuple[list[Change], int]:
    changes: list[Change] = []
    unchanged = 0
    new_by_text: dict[str, list[tuple[str, str]]] = {}
    for item in new:
        new_by_text.setdefault(_normal(item[1]), []).append(item)
    removed: list[tuple[str, str]] = []
    for old_id, old_text in old:
        same = new_by_text.get(_normal(old_text))
        if same:
            new_id, new_text = same.pop(0)
            if new_id == old_id:
                unchanged += 1
            else:
                changes.append(Change(level, "renumbered", old_id, new_id, old_text, new_text, 1.0))
        else:
            removed.append((old_id, old_text))
    position = {item_id: index for index, (item_id, _) in enumerate(new)}
    added = sorted(
        (item for items in new_by_text.values() for item in items),
        key=lambda item: position[item[0]],
    )
    scored: list[tuple[float, int, int]] = []
    for i, (_, old_text) in enumerate(removed):
        for j, (_, new_text) in enumerate(added):
            ratio = difflib.SequenceMatcher(a=_normal(old_text), b=_normal(new_text)).ratio()
            if ratio >= min_similarity:
                scored.append((ratio, i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for ratio, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        (old_id, old_text), (new_id, new_text) = removed[i], added[j]
        changes.append(Change(level, "reworded", old_id, new_id, old_text, new_text, ratio))
    changes.extend(
        Change(level, "removed", oid, None, otext, None)
        for i, (oid, otext) in enumerate(removed)
        if i not in used_old
    )
    changes.extend(
        Change(level, "added", None, nid, None, ntext)
        for j, (nid, ntext) in enumerate(added)
        if j not in used_new
    )
    return changes, unchanged


def diff_frameworks(
    old: Framework, new: Framework, *, min_similarity: float = 0.6
) -> FrameworkDiff:
    """Standards, key questions and prompts added, removed or reworded from ``old`` to ``new``."""
    changes: list[Change] = []
    unchanged: dict[str, int] = {}
    for level in LEVELS:
        level_changes, same = _diff_level(
            level, _elements(old, level), _elements(new, level), min_similarity
        )
        changes.extend(_ordered(level_changes))
        unchanged[level] = same
    return FrameworkDiff(old=old.id, new=new.id, changes=tuple(changes), unchanged=unchanged)


def _ordered(changes: Iterable[Change]) -> list[Change]:
    order = {"removed": 0, "added": 1, "reworded": 2, "renumbered": 3}
    return sorted(changes, key=lambda c: (order[c.kind], c.new_id or c.old_id or ""))
