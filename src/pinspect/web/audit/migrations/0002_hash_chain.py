# ruff: noqa: RUF012, ARG001  (Django migration style: class-level lists, fixed signatures)
"""The audit trail becomes a hash chain (pinspect.web.audit.chain) and append-only in the
database itself (pinspect.web.audit.triggers): existing events are chained in the order they
were written (by id), then the triggers are installed."""

from typing import Any

import django.utils.timezone
from django.db import migrations, models

from pinspect.web.audit.chain import GENESIS, event_hash
from pinspect.web.audit.triggers import install_triggers, remove_triggers


def chain_existing_events(apps: Any, schema_editor: Any) -> None:
    event_model = apps.get_model("audit", "AuditEvent")
    previous, batch = GENESIS, []
    events = event_model.objects.order_by("id").iterator(chunk_size=2000)
    for seq, event in enumerate(events, start=1):
        event.seq, event.prev_hash = seq, previous
        event.hash = previous = event_hash(event)
        batch.append(event)
        if len(batch) >= 1000:
            event_model.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    if batch:
        event_model.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])


def install(apps: Any, schema_editor: Any) -> None:
    install_triggers(schema_editor.connection)


def remove(apps: Any, schema_editor: Any) -> None:
    remove_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True),
        ),
        migrations.RunPython(install, remove),
    ]
