"""Sample pages: the sample and its analysis; draw from a long list or upload a prepared
sample; the sample key; replace a case from the reserve; assign cases to inspectors.

Pages that take a file holding case records keep it in memory only
(:func:`~pinspect.web.samples.upload.memory_only_uploads`, outermost, then the permission
check, then ``csrf_protect``).

The draw page reads the long list at once (a problem of the file is a form error) and then
draws in the background: it starts the draw job (:mod:`pinspect.web.samples.draw_job`) with
the long list and sends the person to the job's page, which shows its progress and links to
the sample once it is saved. One draw runs per inspection at a time.
"""

from __future__ import annotations

import csv
import secrets
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect

from pinspect.problems import InputError
from pinspect.sampling import ExclusionReason, InspectionWindow
from pinspect.sampling.selection import Selection
from pinspect.text import spreadsheet_text
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.record import record_field
from pinspect.web.installation import installation_settings
from pinspect.web.jobs.models import Kind
from pinspect.web.jobs.retention import kept_hours
from pinspect.web.jobs.status import JobBusyError, job_status, start_upload_job
from pinspect.web.jobs.views import upload_job_page, upload_job_progress
from pinspect.web.permissions import Action, can, permission_required
from pinspect.web.samples.assignment import (
    AssignmentClosedError,
    AssignmentConflictError,
    Change,
    assessors,
    assign_selected,
    assignable_cases,
    assignment_refusal,
    save_assignments,
    share_unassigned,
)
from pinspect.web.samples.drawing import (
    DrawParameters,
    draw_from_upload,
    drawn_references,
    key_rows,
    long_list_for_draw,
)
from pinspect.web.samples.forms import DrawForm, ReplacementForm, UploadForm, error_list
from pinspect.web.samples.models import Method, Replacement, SampleDraw
from pinspect.web.samples.prepared import COLUMNS, read_prepared_sample
from pinspect.web.samples.recording import (
    SampleRefusedError,
    record_prepared_sample,
    sample_refusal,
)
from pinspect.web.samples.replacement import (
    ReplacementRefusedError,
    replace_case,
    replaceable_cases,
    replacement_refusal,
    reserve_cases,
)
from pinspect.web.samples.upload import (
    column_mapping_from_upload,
    max_upload_bytes,
    memory_only_uploads,
    oversized_fields,
    sha256,
)

__all__ = [
    "assign",
    "draw",
    "draw_job",
    "draw_job_progress",
    "key",
    "prepared",
    "replace",
    "sample",
]

_SEED_LIMIT = 2**31


def _megabytes() -> str:
    return f"{max_upload_bytes() / (1024 * 1024):g} MB"


def _note_oversized(request: HttpRequest, form: Any) -> None:
    """A file over the limit was skipped while uploading: say so instead of 'required'."""
    for name in oversized_fields(request):
        if name in form.fields:
            form.errors[name] = form.error_class([f"The file must be smaller than {_megabytes()}"])


def _problem_errors(
    error: InputError, anchors: dict[str, str], default: str = "id_file"
) -> list[dict[str, str]]:
    """The core's problems (file, line, field) for the error summary, each linked to the form
    field it concerns: by the problem's field, else its file, else ``default``."""
    return [
        {
            "anchor": anchors.get(p.field or "", anchors.get(p.file or "", default)),
            "message": str(p),
        }
        for p in error.problems
    ]


def _latest_draw(inspection: Any) -> SampleDraw | None:
    return SampleDraw.objects.filter(inspection=inspection).select_related("drawn_by").first()


@permission_required(Action.VIEW_INSPECTION)
def sample(request: HttpRequest, inspection: Any) -> HttpResponse:
    record = _latest_draw(inspection)
    cases = list(
        SampledCase.objects.filter(inspection=inspection)
        .select_related("assigned_to")
        .order_by("sample", "reserve_rank", "reference")
    )
    in_sample = [c for c in cases if c.reserve_rank is None and c.withdrawn_at is None]
    withdrawn = [c for c in cases if c.withdrawn_at is not None]
    reserve = [c for c in cases if c.reserve_rank is not None]
    labels = {reason.value: reason.label for reason in ExclusionReason}
    context = {
        "inspection": inspection,
        "draw": record,
        "excluded": [
            {"reason": labels.get(name, name), "count": count}
            for name, count in (record.excluded if record else {}).items()
        ],
        "analysis": record.analysis if record else {},
        "in_sample": in_sample,
        "withdrawn": withdrawn,
        "reserve": reserve,
        "replacements": Replacement.objects.filter(inspection=inspection).select_related(
            "withdrawn", "replacement", "replaced_by"
        ),
        "can_manage": can(request.user, Action.MANAGE_INSPECTION, inspection),
        "may_take_sample": sample_refusal(inspection) is None,
    }
    return render(request, "samples/sample.html", context)


def _parameters(form: DrawForm, inspection: Any, mapping: dict[str, str]) -> DrawParameters:
    data = form.cleaned_data
    seed = data.get("seed")
    return DrawParameters(
        seed=secrets.randbelow(_SEED_LIMIT) if seed is None else int(seed),
        settings=data["settings"],
        size=data["size"] if data["sized_by"] == "given" else None,
        today=timezone.localdate(),
        window=InspectionWindow(inspection.window_start, inspection.window_end),
        sample=" ".join(str(data["sample"]).split()) or "supervision",
        mapping=mapping,
    )


@memory_only_uploads
@permission_required(Action.MANAGE_INSPECTION)
@csrf_protect
def draw(request: HttpRequest, inspection: Any) -> HttpResponse:
    refusal = sample_refusal(inspection)
    errors: list[dict[str, str]] = []
    form = DrawForm()
    status = 200
    if request.method == "POST" and refusal is not None:
        status = 409
    elif request.method == "POST":
        form = DrawForm(request.POST, request.FILES)
        valid = form.is_valid()
        _note_oversized(request, form)
        if valid and not form.errors:
            upload = form.cleaned_data["file"]
            name = str(upload.name)
            anchors = {"size": "id_size", "options": "id_max_per_practitioner"}
            try:
                mapping: dict[str, str] = {}
                if form.cleaned_data.get("mapping"):
                    mapping_file = form.cleaned_data["mapping"]
                    anchors[str(mapping_file.name)] = "id_mapping"
                    mapping = dict(
                        column_mapping_from_upload(
                            mapping_file.read(), file=str(mapping_file.name)
                        ).renames
                    )
                data = upload.read()
                parameters = _parameters(form, inspection, mapping)
                long_list_for_draw(data, file=name, parameters=parameters)
                start_upload_job(
                    inspection,
                    Kind.SAMPLE_DRAW,
                    request.user,
                    parameters={"draw": parameters.as_dict()},
                    files={"file": (name, data)},
                )
            except InputError as error:
                errors = _problem_errors(error, anchors)
            except JobBusyError:
                refusal = _DRAWING
                status = 409
            else:
                return redirect("samples:draw_job", inspection_id=inspection.pk)
        errors = error_list(form) + errors
        if errors:
            status = 400
    context = {
        "inspection": inspection,
        "form": form,
        "errors": errors,
        "refusal": refusal,
        "max_size": _megabytes(),
        "drawing": refusal is None and _drawing(inspection),
        "kept_hours": kept_hours(),
    }
    return render(request, "samples/draw.html", context, status=status)


_DRAWING = (
    "A sample is being drawn for this inspection already: follow its progress on the draw's "
    "page, and draw again only if it fails."
)


def _drawing(inspection: Any) -> bool:
    """A draw job is waiting or running for the inspection."""
    return not job_status(inspection, Kind.SAMPLE_DRAW).seen.finished


@permission_required(Action.MANAGE_INSPECTION)
def draw_job(request: HttpRequest, inspection: Any) -> HttpResponse:
    return upload_job_page(request, inspection, Kind.SAMPLE_DRAW)


@permission_required(Action.MANAGE_INSPECTION)
def draw_job_progress(request: HttpRequest, inspection: Any) -> HttpResponse:  # noqa: ARG001
    return upload_job_progress(inspection, Kind.SAMPLE_DRAW)


@memory_only_uploads
@permission_required(Action.MANAGE_INSPECTION)
@csrf_protect
def prepared(request: HttpRequest, inspection: Any) -> HttpResponse:
    refusal = sample_refusal(inspection)
    errors: list[dict[str, str]] = []
    form = UploadForm(label="Prepared sample")
    status = 200
    if request.method == "POST" and refusal is not None:
        status = 409
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES, label="Prepared sample")
        valid = form.is_valid()
        _note_oversized(request, form)
        if valid and not form.errors:
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                cases = read_prepared_sample(data, file=str(upload.name))
                record_prepared_sample(
                    inspection,
                    cases,
                    file_name=str(upload.name),
                    file_sha256=sha256(data),
                    actor=request.user,
                )
            except InputError as error:
                errors = _problem_errors(error, {})
            except SampleRefusedError as refused:
                refusal = str(refused)
                status = 409
            else:
                messages.success(request, f"Prepared sample uploaded: {len(cases)} cases")
                return redirect("samples:sample", inspection_id=inspection.pk)
        errors = error_list(form) + errors
        if errors:
            status = 400
    context = {
        "inspection": inspection,
        "form": form,
        "errors": errors,
        "refusal": refusal,
        "columns": COLUMNS,
        "max_size": _megabytes(),
    }
    return render(request, "samples/prepared.html", context, status=status)


def _reproduce(record: SampleDraw, data: bytes, name: str) -> Selection:
    """Draw again from the uploaded file with the recorded seed and settings, and check the
    result is the recorded sample (same references in the same strata)."""
    if sha256(data) != record.file_sha256:
        raise InputError.single(
            "this is not the long list the sample was drawn from (its SHA-256 fingerprint "
            "differs from the one recorded with the draw)",
            file=name,
        )
    parameters = DrawParameters.from_dict(record.settings)
    drawn = draw_from_upload(data, file=name, parameters=parameters)
    stored = dict(
        SampledCase.objects.filter(inspection=record.inspection).values_list("reference", "stratum")
    )
    again = {ref: item.stratum for ref, item in drawn_references(drawn)}
    if again != stored:
        raise InputError.single(
            "the sample drawn again from this file differs from the recorded sample", file=name
        )
    return drawn


@memory_only_uploads
@permission_required(Action.MANAGE_INSPECTION)
@csrf_protect
def key(request: HttpRequest, inspection: Any) -> HttpResponse:
    record = SampleDraw.objects.filter(inspection=inspection, method=Method.DRAWN).first()
    errors: list[dict[str, str]] = []
    form = UploadForm(label="Long list")
    status = 200
    if request.method == "POST" and record is None:
        status = 409
    elif request.method == "POST" and record is not None:
        form = UploadForm(request.POST, request.FILES, label="Long list")
        valid = form.is_valid()
        _note_oversized(request, form)
        if valid and not form.errors:
            upload = form.cleaned_data["file"]
            try:
                drawn = _reproduce(record, upload.read(), str(upload.name))
            except InputError as error:
                errors = _problem_errors(error, {})
            else:
                return _key_response(request, inspection, record, drawn)
        errors = error_list(form) + errors
        if errors:
            status = 400
    context = {
        "inspection": inspection,
        "form": form,
        "errors": errors,
        "draw": record,
        "max_size": _megabytes(),
    }
    return render(request, "samples/key.html", context, status=status)


def _key_response(
    request: HttpRequest, inspection: Any, record: SampleDraw, drawn: Selection
) -> HttpResponse:
    """The sample key as a CSV download, never cached; its download is audited."""
    with transaction.atomic():
        record_field(
            actor=request.user,
            inspection=inspection,
            obj=record,
            field="sample_key",
            old="",
            new="downloaded",
            label=f"sample ({record.sample})",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="sample-key-inspection-{inspection.pk}.csv"'
    )
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    # CRNs, teams and names come from the long list: a cell that a spreadsheet program would
    # take for a formula is written as text (pinspect.text.spreadsheet_text).
    csv.writer(response).writerows(
        [spreadsheet_text(cell) for cell in row] for row in key_rows(drawn)
    )
    return response


@permission_required(Action.MANAGE_INSPECTION)
def replace(request: HttpRequest, inspection: Any) -> HttpResponse:
    refusal = replacement_refusal(inspection)
    cases = list(replaceable_cases(inspection))
    reserve = list(reserve_cases(inspection))
    # ?case=<id>: the case to replace chosen first, the reserve narrowed to its stratum.
    chosen = next((c for c in cases if str(c.pk) == request.GET.get("case", "")), None)
    if chosen is not None:
        reserve = [c for c in reserve if c.stratum == chosen.stratum]
    form = ReplacementForm(cases, reserve, initial={"case": chosen.pk if chosen else ""})
    status = 200
    if request.method == "POST" and refusal is not None:
        status = 409
    elif request.method == "POST":
        form = ReplacementForm(cases, reserve, request.POST)
        if form.is_valid():
            try:
                done = replace_case(
                    inspection,
                    case_id=form.cleaned_data["case"],
                    reserve_id=form.cleaned_data["reserve"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ReplacementRefusedError as refused:
                form.add_error(refused.field, str(refused))
            else:
                messages.success(
                    request,
                    f"Case {done.withdrawn.reference} replaced by {done.replacement.reference}",
                )
                return redirect("samples:replace", inspection_id=inspection.pk)
        status = 400
    context = {
        "inspection": inspection,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "refusal": refusal,
        "reserve": reserve,
        "chosen": chosen,
        "replacements": Replacement.objects.filter(inspection=inspection).select_related(
            "withdrawn", "replacement", "replaced_by"
        ),
    }
    return render(request, "samples/replace.html", context, status=status)


def _user_id(text: str) -> int | None:
    return int(text) if text.isdigit() else None


class _BulkChoiceError(ValueError):
    def __init__(self, message: str, anchor: str) -> None:
        super().__init__(message)
        self.anchor = anchor


def _assign_in_bulk(request: HttpRequest, inspection: Any, cases: list[Any]) -> HttpResponse:
    """Share the unassigned cases evenly, or give the ticked cases to one assessor."""
    if request.POST["action"] == "share":
        cap = installation_settings().assign_max_per_practitioner
        sharing = share_unassigned(inspection, cap=cap, actor=request.user)
        given = len(sharing.assigned)
        text = f"{given} case{'s' if given != 1 else ''} shared among the inspectors"
        if sharing.left_over:
            left = len(sharing.left_over)
            text += (
                f"; {left} left unassigned: every inspector already has {cap} cases of "
                "their practitioner"
            )
        messages.success(request, text)
        return redirect("samples:assign", inspection_id=inspection.pk)
    chosen = [int(v) for v in request.POST.getlist("selected") if v.isdigit()]
    known = {c.pk for c in cases}
    if not chosen or not set(chosen) <= known:
        raise _BulkChoiceError("Select the cases to assign", "select-first")
    raw = request.POST.get("assignee", "")
    allowed = {str(u.pk) for u in assessors(inspection)}
    if raw not in allowed and raw != "none":
        raise _BulkChoiceError("Choose who assesses the selected cases", "assignee")
    saved = assign_selected(
        inspection, chosen, None if raw == "none" else int(raw), actor=request.user
    )
    messages.success(request, f"{saved} assignment{'s' if saved != 1 else ''} saved")
    return redirect("samples:assign", inspection_id=inspection.pk)


@permission_required(Action.MANAGE_INSPECTION)
def assign(request: HttpRequest, inspection: Any) -> HttpResponse:
    refusal = assignment_refusal(inspection)
    errors: list[dict[str, str]] = []
    status = 200
    cases = list(assignable_cases(inspection))
    if request.method == "POST" and refusal is not None:
        status = 409
    elif request.method == "POST" and request.POST.get("action") in {"share", "selected"}:
        try:
            return _assign_in_bulk(request, inspection, cases)
        except AssignmentClosedError as closed:
            errors = [{"anchor": "", "message": str(closed)}]
            status = 409
        except _BulkChoiceError as wrong:
            errors = [{"anchor": wrong.anchor, "message": str(wrong)}]
            status = 400
    elif request.method == "POST":
        changes = {
            case.pk: Change(
                was=_user_id(request.POST.get(f"was-{case.pk}", "")),
                new=_user_id(request.POST.get(f"case-{case.pk}", "")),
            )
            for case in cases
            if f"case-{case.pk}" in request.POST
        }
        try:
            saved = save_assignments(inspection, changes, actor=request.user)
        except AssignmentConflictError as conflict:
            errors = [
                {
                    "anchor": "",
                    "message": f"{ref} was assigned by someone else since this page was "
                    "shown: nothing was saved; check the assignments and save again",
                }
                for ref in conflict.references
            ] + [
                {"anchor": "", "message": f"{ref}: choose a member of the inspection team"}
                for ref in conflict.invalid
            ]
            status = 409
            cases = list(assignable_cases(inspection))
        except AssignmentClosedError as closed:
            refusal = str(closed)
            status = 409
        else:
            messages.success(request, f"{saved} assignment{'s' if saved != 1 else ''} saved")
            return redirect("samples:assign", inspection_id=inspection.pk)
    context = {
        "inspection": inspection,
        "cases": cases,
        "unassigned": sum(1 for c in cases if c.assigned_to_id is None),
        "cap": installation_settings().assign_max_per_practitioner,
        "assessors": assessors(inspection),
        "errors": errors,
        "refusal": refusal,
    }
    return render(request, "samples/assign.html", context, status=status)
