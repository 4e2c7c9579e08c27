"""The audit trail cannot be changed without trace: database triggers refuse UPDATE and DELETE
(raw SQL included) on SQLite and PostgreSQL, every event is chained by hash to the one
before, and ``pinspect_audit_verify`` names the first broken link of a trail edited underneath
the triggers. Concurrent writers are chained one after the other."""

from __future__ import annotations

import itertools
import threading
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, close_old_connections, connection, transaction

from pinspect.web.audit.chain import GENESIS, event_hash, verify_chain
from pinspect.web.audit.models import AuditEvent
from pinspect.web.audit.record import record_field
from pinspect.web.audit.triggers import install_triggers, remove_triggers, triggers_installed
from pinspect.web.organisations.models import Unit

TABLE = AuditEvent._meta.db_table


def _record(unit: Unit, count: int, actor: Any = None) -> None:
    for number in range(count):
        with transaction.atomic():
            record_field(
                actor=actor, inspection=None, obj=unit, field="name", old=str(number), new="x"
            )


@pytest.fixture
def trail(db: Any, units: dict[str, Any], make_user: Any) -> list[AuditEvent]:
    _record(units["pdu"], 5, make_user("admin"))
    return list(AuditEvent.objects.order_by("seq"))


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _verify(*args: str) -> str:
    call_command("pinspect_audit_verify", *args, stdout=(out := _Out()))
    return out.text


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def _edit_underneath(statement: str, params: list[Any] | None = None) -> None:
    """Change the table as someone with the owner's rights could: triggers dropped first."""
    remove_triggers(connection)
    try:
        _sql(statement, params)
    finally:
        install_triggers(connection)


def test_events_are_chained_in_order(trail: list[AuditEvent]) -> None:
    assert [e.seq for e in trail] == [1, 2, 3, 4, 5]
    assert trail[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(trail):
        assert after.prev_hash == before.hash
    assert all(event_hash(e) == e.hash for e in trail)
    assert verify_chain().intact


@pytest.mark.parametrize(
    "statement",
    [
        f"UPDATE {TABLE} SET new = 'forged'",
        f"UPDATE {TABLE} SET actor_id = NULL WHERE seq = 2",
        f"DELETE FROM {TABLE} WHERE seq = 3",
        f"DELETE FROM {TABLE}",
    ],
)
def test_raw_sql_cannot_change_or_remove_events(trail: list[AuditEvent], statement: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        _sql(statement)
    assert list(AuditEvent.objects.order_by("seq")) == trail
    assert [e.new for e in AuditEvent.objects.order_by("seq")] == ["x"] * 5
    assert verify_chain().intact


def test_a_queryset_update_or_delete_is_refused_by_the_database(trail: list[AuditEvent]) -> None:
    """The model's own querysets refuse too; the plain manager underneath meets the trigger."""
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent._base_manager.filter(seq=1).update(new="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent._base_manager.filter(seq=1)._raw_delete(connection.alias)
    assert AuditEvent.objects.get(seq=1).new == "x"


@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_on_postgresql(units: dict[str, Any]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; DELETE is refused above")
    _record(units["pdu"], 5)
    with pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"):
        _sql(f"TRUNCATE {TABLE} CASCADE")
    assert AuditEvent.objects.count() == 5


def test_verify_reports_an_intact_trail_and_its_head(trail: list[AuditEvent]) -> None:
    out = _verify()
    assert "The audit trail is intact: 5 events" in out
    assert f"Head: 5:{trail[-1].hash}" in out
    assert "intact" in _verify("--expect", f"5:{trail[-1].hash}", "--expect", f"2:{trail[1].hash}")


def test_an_edit_underneath_the_triggers_is_named(trail: list[AuditEvent]) -> None:
    _edit_underneath(f"UPDATE {TABLE} SET new = %s WHERE seq = 3", ["forged"])
    with pytest.raises(CommandError) as broken:
        _verify()
    message = str(broken.value)
    assert f"broken at event 3 (id {trail[2].pk}" in message
    assert "its content does not match its hash: it was changed after it was written" in message
    assert "The 2 events before it are intact" in message


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(trail: list[AuditEvent]) -> None:
    forged = trail[2]
    forged.new = "forged"
    _edit_underneath(
        f"UPDATE {TABLE} SET new = %s, hash = %s WHERE seq = 3", ["forged", event_hash(forged)]
    )
    with pytest.raises(CommandError, match=r"broken at event 4 .*event before it was changed"):
        _verify()


def test_a_removed_event_is_named(trail: list[AuditEvent]) -> None:
    _edit_underneath(f"DELETE FROM {TABLE} WHERE seq = 2")
    with pytest.raises(CommandError, match=r"broken at event 3 .*event 2 is missing"):
        _verify()


def test_a_rewritten_trail_does_not_match_a_recorded_head(trail: list[AuditEvent]) -> None:
    """Someone rewrote every event and every hash after them: the chain holds together, but a
    head recorded elsewhere no longer matches."""
    recorded = f"5:{trail[-1].hash}"
    previous = GENESIS
    remove_triggers(connection)
    try:
        for event in trail:
            event.new = "rewritten"
            event.prev_hash = previous
            event.hash = previous = event_hash(event)
            _sql(
                f"UPDATE {TABLE} SET new = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [event.new, event.prev_hash, event.hash, event.pk],
            )
    finally:
        install_triggers(connection)
    assert "intact" in _verify()
    with pytest.raises(CommandError, match=r"broken at event 5 .*recorded for it"):
        _verify("--expect", recorded)


def test_missing_triggers_are_reported(trail: list[AuditEvent]) -> None:
    remove_triggers(connection)
    try:
        assert not triggers_installed(connection)
        with pytest.raises(CommandError, match=r"triggers that refuse changes .* are missing"):
            _verify()
    finally:
        install_triggers(connection)
    assert triggers_installed(connection)


def test_an_event_cannot_be_saved_past_the_chain(trail: list[AuditEvent]) -> None:
    with pytest.raises(PermissionError):
        AuditEvent(object_type="x", object_id="1", field="f").save()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_are_chained_one_after_the_other(units: dict[str, Any]) -> None:
    """Eight transactions appending at once, 15 times each: one chain, no fork, no gap."""
    writers, each = 8, 15
    unit = units["pdu"]
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            start.wait()
            _record(unit, each)
        except BaseException as error:  # reported below
            failures.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    report = verify_chain()
    assert report.intact, report.broken
    assert report.events == writers * each
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(
        range(1, writers * each + 1)
    )
