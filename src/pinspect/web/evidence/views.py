"""Evidence log pages: the log, adding evidence, documents, the survey, tags, prompt evidence.

The survey import page reads both files at once (a problem of either is a form error), then
imports in the background: it starts the survey job (:mod:`pinspect.web.evidence.survey_job`)
with the files and sends the person to the job's page, which shows its progress and links to
the results once they are saved.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pinspect.problems import InputError
from pinspect.survey import parse_survey, shown_counts
from pinspect.web.evidence import uploads
from pinspect.web.evidence.forms import (
    NOT_TAGGED,
    TAGGED,
    DocumentForm,
    ItemForm,
    SurveyImportForm,
    TagForm,
    anchor,
    tag_field,
)
from pinspect.web.evidence.log import add_document, add_item, current_tags, set_tags
from pinspect.web.evidence.models import EvidenceItem, EvidenceKind, EvidenceTag
from pinspect.web.evidence.sources import evidence_sources, judged_prompts
from pinspect.web.evidence.survey import current_survey, survey_questions
from pinspect.web.evidence.survey_job import survey_parameters
from pinspect.web.installation import file_limits, installation_settings
from pinspect.web.jobs.models import Kind
from pinspect.web.jobs.status import JobBusyError, start_upload_job
from pinspect.web.jobs.views import upload_job_page, upload_job_progress
from pinspect.web.permissions import Action, can, inspection_for, permission_required

__all__ = [
    "add_evidence",
    "document",
    "evidence_log",
    "import_survey_page",
    "item_page",
    "prompt_evidence",
    "survey_job",
    "survey_job_progress",
    "survey_results",
    "upload_document",
]


def _item(inspection: Any, item_id: int) -> EvidenceItem:
    item = (
        EvidenceItem.objects.select_related("added_by", "superseded_by")
        .filter(pk=item_id, inspection=inspection)
        .first()
    )
    if item is None:
        raise Http404("No such evidence item")
    return item


def _base(request: HttpRequest, inspection: Any, **extra: Any) -> dict[str, Any]:
    return {
        "inspection": inspection,
        "can_manage": can(request.user, Action.MANAGE_EVIDENCE, inspection),
        **extra,
    }


@permission_required(Action.VIEW_EVIDENCE)
def evidence_log(request: HttpRequest, inspection: Any) -> HttpResponse:
    items = (
        EvidenceItem.objects.filter(inspection=inspection)
        .select_related("added_by", "document", "superseded_by")
        .prefetch_related("tags")
    )
    by_kind: dict[str, list[EvidenceItem]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item)
    groups = [
        {"kind": kind, "label": label, "items": by_kind.get(kind, [])}
        for kind, label in EvidenceKind.choices
    ]
    return render(request, "evidence/log.html", _base(request, inspection, groups=groups))


def _upload_hint() -> str:
    limit = uploads.max_bytes()
    size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
    types = ", ".join(sorted({t.extension.upper() for t in uploads.allowed_types()}))
    return f"Smaller than {size}. Accepted types: {types}."


def _form_page(
    request: HttpRequest, inspection: Any, template: str, form: Any, status: int = 200
) -> HttpResponse:
    context = _base(
        request,
        inspection,
        form=form,
        errors=form.error_list() if form.is_bound else [],
        upload_hint=_upload_hint(),
    )
    return render(request, template, context, status=status)


@permission_required(Action.MANAGE_EVIDENCE)
def add_evidence(request: HttpRequest, inspection: Any) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, inspection, "evidence/add.html", ItemForm())
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _form_page(request, inspection, "evidence/add.html", form, status=400)
    data = form.cleaned_data
    item = add_item(
        inspection,
        kind=data["kind"],
        title=data["title"],
        when=data["when"],
        notes=data["notes"],
        attendees=data["attendees"],
        actor=request.user,
    )
    messages.success(request, f"Added “{item.title}” to the evidence log")
    return redirect("evidence:item", inspection_id=inspection.pk, item_id=item.pk)


@permission_required(Action.MANAGE_EVIDENCE)
def upload_document(request: HttpRequest, inspection: Any) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, inspection, "evidence/upload.html", DocumentForm())
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = add_document(
                inspection,
                data["file"],
                title=data["title"],
                when=data["when"],
                notes=data["notes"],
                actor=request.user,
            )
        except uploads.RefusedUploadError as refusal:
            form.add_error("file", str(refusal))
        else:
            messages.success(request, f"Uploaded “{item.title}”")
            return redirect("evidence:item", inspection_id=inspection.pk, item_id=item.pk)
    return _form_page(request, inspection, "evidence/upload.html", form, status=400)


def _read(uploaded: Any, form: SurveyImportForm, field: str) -> bytes | None:
    """The uploaded file's bytes; what they hold is checked by the core's one reader."""
    if uploaded.size > uploads.max_bytes():
        form.add_error(field, f"{uploaded.name}: the file is larger than the upload limit")
        return None
    return bytes(uploaded.read())


@permission_required(Action.MANAGE_EVIDENCE)
def import_survey_page(request: HttpRequest, inspection: Any) -> HttpResponse:
    template = "evidence/survey_import.html"
    if request.method != "POST":
        return _form_page(request, inspection, template, SurveyImportForm())
    form = SurveyImportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        questions_text = _read(data["questions"], form, "questions")
        responses_text = _read(data["responses"], form, "responses")
        if questions_text is not None and responses_text is not None:
            try:
                parse_survey(
                    questions_text,
                    responses_text,
                    framework=inspection.framework,
                    questions_file=data["questions"].name,
                    responses_file=data["responses"].name,
                    limits=file_limits(),
                )
            except InputError as error:
                for problem in error.problems:
                    in_responses = problem.file == data["responses"].name
                    form.add_error("responses" if in_responses else "questions", str(problem))
            else:
                try:
                    start_upload_job(
                        inspection,
                        Kind.SURVEY_IMPORT,
                        request.user,
                        parameters={
                            "survey": survey_parameters(
                                title=data["title"], when=data["when"], notes=data["notes"]
                            )
                        },
                        files={
                            "questions": (str(data["questions"].name), questions_text),
                            "responses": (str(data["responses"].name), responses_text),
                        },
                    )
                except JobBusyError:
                    form.add_error(None, _IMPORTING)
                    return _form_page(request, inspection, template, form, status=409)
                return redirect("evidence:survey_job", inspection_id=inspection.pk)
    return _form_page(request, inspection, template, form, status=400)


_IMPORTING = (
    "A survey is being imported for this inspection already: follow its progress on the "
    "import's page, and import again once it has finished."
)


@permission_required(Action.MANAGE_EVIDENCE)
def survey_job(request: HttpRequest, inspection: Any) -> HttpResponse:
    return upload_job_page(request, inspection, Kind.SURVEY_IMPORT)


@permission_required(Action.MANAGE_EVIDENCE)
def survey_job_progress(request: HttpRequest, inspection: Any) -> HttpResponse:  # noqa: ARG001
    return upload_job_progress(inspection, Kind.SURVEY_IMPORT)


@permission_required(Action.VIEW_EVIDENCE)
def survey_results(request: HttpRequest, inspection: Any) -> HttpResponse:
    suppress_below = installation_settings().suppress_below
    questions = []
    for question in survey_questions(inspection):
        shown = shown_counts(question.responses.items(), suppress_below)
        questions.append({"question": question, "shown": shown})
    context = _base(
        request,
        inspection,
        survey=current_survey(inspection),
        questions=questions,
        suppress_below=suppress_below,
    )
    return render(request, "evidence/survey.html", context)


@permission_required(Action.VIEW_EVIDENCE)
def document(_request: HttpRequest, inspection: Any, item_id: int) -> FileResponse:
    item = _item(inspection, item_id)
    stored = getattr(item, "document", None) if item.kind == EvidenceKind.DOCUMENT else None
    if stored is None:
        raise Http404("No such document")
    try:
        handle = uploads.open_stored(stored.storage_name)
    except (OSError, ValueError):
        raise Http404("The document's file is missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _tag_rows(form: TagForm, tags: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for item in form.prompts:
        name = tag_field(item.prompt.id)
        if form.is_bound:
            value = str(form.data.get(name, NOT_TAGGED))
        elif item.prompt.id in tags:
            value = tags[item.prompt.id] or TAGGED
        else:
            value = NOT_TAGGED
        rows.append(
            {
                "item": item,
                "name": name,
                "anchor": anchor(name),
                "value": value,
                "choices": form.fields[name].choices,
                "errors": form.errors.get(name, []),
            }
        )
    return rows


@permission_required(Action.VIEW_EVIDENCE)
def item_page(request: HttpRequest, inspection: Any, item_id: int) -> HttpResponse:
    item = _item(inspection, item_id)
    prompts = judged_prompts(inspection.framework)
    status = 200
    if request.method == "POST":
        inspection = inspection_for(request.user, inspection.pk, Action.MANAGE_EVIDENCE)
        form = TagForm(prompts, request.POST)
        if form.is_valid():
            try:
                set_tags(item, form.tags(), actor=request.user)
            except InputError as error:
                for problem in error.problems:
                    field = tag_field(problem.field or "")
                    form.add_error(field if field in form.fields else None, problem.message)
            else:
                messages.success(request, "Tags saved")
                return redirect("evidence:item", inspection_id=inspection.pk, item_id=item.pk)
        status = 400
    else:
        form = TagForm(prompts)
    context = _base(
        request,
        inspection,
        item=item,
        stored=getattr(item, "document", None),
        survey=[
            {"question_id": q.question_id, "text": q.text, "prompts": q.prompts}
            for q in item.survey_questions.all()
        ],
        rows=_tag_rows(form, current_tags(item)),
        errors=form.error_list() if form.is_bound else [],
    )
    return render(request, "evidence/item.html", context, status=status)


def prompt_rows(inspection: Any) -> dict[str, dict[str, Any]]:
    """Per domain-one prompt: its listed sources, which are missing, and the tagged items."""
    tags: dict[str, list[EvidenceTag]] = defaultdict(list)
    for tag in EvidenceTag.objects.filter(item__inspection=inspection).select_related(
        "item", "item__document"
    ):
        tags[tag.prompt].append(tag)
    rows = {}
    for judged in judged_prompts(inspection.framework):
        prompt_tags = tags.get(judged.prompt.id, [])
        covered = {t.source for t in prompt_tags if t.source}
        sources = [
            {"source": s, "covered": s.key in covered} for s in evidence_sources(judged.prompt)
        ]
        rows[judged.prompt.id] = {
            "judged": judged,
            "sources": sources,
            "missing": [s for s in sources if not s["covered"]],
            "tags": prompt_tags,
        }
    return rows


@permission_required(Action.VIEW_EVIDENCE)
def prompt_evidence(request: HttpRequest, inspection: Any) -> HttpResponse:
    rows = list(prompt_rows(inspection).values())
    context = _base(
        request,
        inspection,
        rows=rows,
        lists_sources=any(r["sources"] for r in rows),
    )
    return render(request, "evidence/prompts.html", context)
