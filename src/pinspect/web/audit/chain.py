"""The audit trail as a hash chain: each event carries a SHA-256 over its content and the
previous event's hash, so changing, removing or reordering any event breaks every link after
it, and :func:`verify_chain` names the first broken one.

**Appending** (:func:`append`, inside the transaction that makes the change): the writer takes
the chain's lock, reads the head (the last event's ``seq`` and ``hash``), numbers and hashes
its events after it and inserts them; the lock is held until the transaction ends, so two
transactions appending at once are chained one after the other, never onto the same head.
On PostgreSQL the lock is a transaction-scoped advisory lock taken by the database function
``pinspect_audit_head()`` (:mod:`pinspect.web.audit.triggers`), which then reads the head in
a query of its own — a volatile function's queries each take a fresh snapshot, so under READ
COMMITTED it sees the event the previous holder of the lock committed. On SQLite every
writing transaction already holds the database's write lock from ``BEGIN IMMEDIATE``. A
unique ``seq`` is the backstop: a fork could not commit.

**What is hashed**: ``seq``, the time (UTC, microseconds), the actor's and inspection's ids,
the object's type, id and label, the field, the old and new values, and the previous hash —
as canonical JSON (sorted keys, UTF-8). The first event's previous hash is :data:`GENESIS`.

The chain shows tampering by anyone who cannot rewrite every later hash; someone with full
control of the database could rewrite the whole chain. Against that, record the head that
``pinspect_audit_verify`` prints somewhere else (a ticket, an email) and pass it back with
``--expect SEQ:HASH``: a rewritten chain no longer has that hash at that place.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone

from pinspect.web.audit.models import AuditEvent

__all__ = [
    "GENESIS",
    "BrokenLink",
    "ChainReport",
    "append",
    "event_content",
    "event_hash",
    "verify_chain",
]

GENESIS = "0" * 64


def event_content(event: AuditEvent) -> bytes:
    """The canonical bytes an event's hash covers (see the module docstring)."""
    at = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    content = {
        "seq": event.seq,
        "at": at,
        "actor": event.actor_id,
        "inspection": event.inspection_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "field": event.field,
        "old": event.old,
        "new": event.new,
        "prev": event.prev_hash,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(event_content(event)).hexdigest()


def _locked_head() -> tuple[int, str]:
    """Take the chain's lock (held to the end of the transaction) and read its head."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT seq, hash FROM pinspect_audit_head()")
            row = cursor.fetchone()
        head = None if row is None or row[0] is None else (int(row[0]), str(row[1]))
    else:
        # SQLite: the transaction began IMMEDIATE and holds the database's write lock.
        head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return head if head is not None else (0, GENESIS)


def append(events: Sequence[AuditEvent], *, at: datetime | None = None) -> list[AuditEvent]:
    """Chain and insert ``events`` (in order) with one ``INSERT``; must run inside the
    transaction that makes the change."""
    if not events:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("audit events are written in the transaction that makes the change")
    moment = at or timezone.now()
    seq, previous = _locked_head()
    for event in events:
        seq += 1
        event.seq = seq
        event.at = moment
        event.prev_hash = previous
        event.hash = event_hash(event)
        previous = event.hash
    return AuditEvent.objects.bulk_create(events)


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    event_id: int | None
    at: datetime | None
    reason: str

    def __str__(self) -> str:
        where = f"event {self.seq}"
        if self.event_id is not None:
            where += f" (id {self.event_id}"
            where += f", recorded {self.at:%Y-%m-%d %H:%M:%S %Z})" if self.at else ")"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    events: int
    head_seq: int
    head_hash: str
    broken: BrokenLink | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def _check(event: AuditEvent, expected_seq: int, previous: str) -> str | None:
    if event.seq != expected_seq:
        if event.seq > expected_seq:
            missing = (
                f"event {expected_seq} is missing"
                if event.seq == expected_seq + 1
                else f"events {expected_seq} to {event.seq - 1} are missing"
            )
            return f"{missing} before it (removed from the trail)"
        return "its number repeats an earlier event's"
    if event.prev_hash != previous:
        return (
            "the event before it was changed or removed: its link does not match the "
            "previous event's hash"
        )
    if event_hash(event) != event.hash:
        return "its content does not match its hash: it was changed after it was written"
    return None


def verify_chain(*, expect: Iterable[tuple[int, str]] = (), chunk_size: int = 2000) -> ChainReport:
    """Walk the whole chain in order; the first broken link, if any. ``expect`` holds
    ``(seq, hash)`` pairs recorded earlier: each must still be in the chain."""
    expected = dict(expect)
    seq, previous, count = 1, GENESIS, 0
    # One query read in chunks: one consistent snapshot, without blocking writers.
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        reason = _check(event, seq, previous)
        if reason is None and seq in expected and expected.pop(seq) != event.hash:
            reason = "its hash is not the one recorded for it: the trail was rewritten"
        if reason is not None:
            broken = BrokenLink(event.seq, event.pk, event.at, reason)
            return ChainReport(count, seq - 1, previous, broken)
        previous, seq, count = event.hash, seq + 1, count + 1
    if expected:
        first = min(expected)
        broken = BrokenLink(
            first, None, None, "it was recorded earlier and is no longer in the trail"
        )
        return ChainReport(count, seq - 1, previous, broken)
    return ChainReport(count, seq - 1, previous, None)
