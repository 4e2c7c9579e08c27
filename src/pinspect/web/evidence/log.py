"""Adding to the evidence log: meetings and other records, uploaded documents, tags to prompts.

Every change is audited in the transaction that makes it (who, when, old, new). Items are
never deleted or edited away; tags may be changed, each change audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from pinspect.problems import InputError, Problem
from pinspect.web.audit.record import record_changes, record_field
from pinspect.web.evidence import uploads
from pinspect.web.evidence.models import EvidenceItem, EvidenceKind, EvidenceTag, StoredDocument
from pinspect.web.evidence.sources import evidence_sources, judged_prompts

__all__ = ["TAGGED", "add_document", "add_item", "current_tags", "set_tags"]

# What a tag without a listed source is recorded as in the audit trail.
TAGGED = "tagged"


def _created(item: EvidenceItem, actor: Any, extra: Mapping[str, Any] | None = None) -> None:
    values = {
        "kind": item.kind,
        "title": item.title,
        "date": item.date,
        "notes": item.notes,
        "attendees": item.attendees,
        **(extra or {}),
    }
    record_changes(
        actor=actor, inspection=item.inspection, obj=item, old={}, new=values, label=item.title
    )


def add_item(
    inspection: Any,
    *,
    kind: str,
    title: str,
    when: date | None,
    notes: str,
    attendees: str,
    actor: Any,
) -> EvidenceItem:
    """A fieldwork meeting (who attended, their roles, notes) or another record."""
    if kind not in (EvidenceKind.MEETING, EvidenceKind.OTHER):
        raise ValueError(f"{kind!r}: documents are uploaded and surveys imported")
    with transaction.atomic():
        item = EvidenceItem.objects.create(
            inspection=inspection,
            kind=kind,
            title=title,
            date=when,
            notes=notes,
            attendees=attendees if kind == EvidenceKind.MEETING else "",
            added_by=actor,
        )
        _created(item, actor)
    return item


def add_document(
    inspection: Any,
    uploaded: Any,
    *,
    title: str,
    when: date | None,
    notes: str,
    actor: Any,
) -> EvidenceItem:
    """Check and store an uploaded file (:mod:`pinspect.web.evidence.uploads`). Raises
    :class:`uploads.RefusedUploadError` with nothing stored when a rule is broken."""
    file_type = uploads.check_upload(uploaded.name, uploaded.size, uploaded.file)
    original = (uploaded.name or "document").replace("/", "_").replace("\\", "_")[-200:]
    stored = uploads.store(inspection.pk, uploaded.chunks())
    try:
        with transaction.atomic():
            item = EvidenceItem.objects.create(
                inspection=inspection,
                kind=EvidenceKind.DOCUMENT,
                title=title or original,
                date=when,
                notes=notes,
                added_by=actor,
            )
            StoredDocument.objects.create(
                item=item,
                original_name=original,
                size=stored.size,
                sha256=stored.sha256,
                content_type=file_type.content_type,
                storage_name=stored.storage_name,
            )
            _created(
                item,
                actor,
                {"document": f"{original} ({stored.size} bytes, sha256 {stored.sha256})"},
            )
            # Named only now: a kill before this leaves a partial file, removed at start-up.
            uploads.publish(stored)
    except BaseException:
        uploads.discard(stored)
        raise
    return item


def current_tags(item: EvidenceItem) -> dict[str, str]:
    """Prompt id → source key ("" for a source the framework does not list)."""
    return dict(item.tags.values_list("prompt", "source"))


def _validate_tags(framework: Any, tags: Mapping[str, str]) -> list[Problem]:
    prompts = {p.prompt.id: p.prompt for p in judged_prompts(framework)}
    problems = []
    for prompt_id, source in tags.items():
        prompt = prompts.get(prompt_id)
        if prompt is None:
            problems.append(
                Problem(None, None, prompt_id, f"{prompt_id!r} is not a domain one prompt")
            )
        elif source and source not in {s.key for s in evidence_sources(prompt)}:
            problems.append(
                Problem(None, None, prompt_id, f"{prompt_id} does not list that evidence source")
            )
    return problems


def set_tags(item: EvidenceItem, tags: Mapping[str, str], *, actor: Any) -> None:
    """Make the item's tags exactly ``tags`` (prompt id → source key or ""), auditing each
    prompt whose tag changed. Raises InputError naming the prompt, writing nothing."""
    problems = _validate_tags(item.inspection.framework, tags)
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        existing = {t.prompt: t for t in item.tags.select_for_update()}
        for prompt_id in sorted(set(existing) | set(tags)):
            row = existing.get(prompt_id)
            old = (row.source or TAGGED) if row else ""
            new = (tags[prompt_id] or TAGGED) if prompt_id in tags else ""
            if old == new:
                continue
            if prompt_id not in tags:
                assert row is not None
                row.delete()
            elif row is None:
                EvidenceTag.objects.create(item=item, prompt=prompt_id, source=tags[prompt_id])
            else:
                row.source = tags[prompt_id]
                row.save(update_fields=["source"])
            record_field(
                actor=actor,
                inspection=item.inspection,
                obj=item,
                field=f"tag {prompt_id}",
                old=old,
                new=new,
                label=item.title,
            )
