"""The national picture for analysts: `/national/`, its JSON twin (``?format=json``) and the
analyst's export (`/national/export.csv`, `/national/export.parquet`).

The web only loads: every published inspection whose fieldwork ended in the period (mock
inspections left out), each inspection's complete sample cases as its results page counts
them, and the region each inspection's unit sits in. Each framework's inspections are rated
together by the core (:func:`pinspect.ratings.inspection.rate_inspections`, broken down by
every case attribute and every pair) and pooled by
:func:`pinspect.ratings.national.national_picture`, which suppresses small cells across every
table; the page, the JSON and the export all show that one result. Who may see it: members of
the ``Analysts`` group (:data:`pinspect.web.permissions.ANALYSTS`); everyone else is told there
is no such page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from pinspect.frameworks.model import Framework
from pinspect.ratings.combined_table import combined_answer_table
from pinspect.ratings.inspection import rate_inspections
from pinspect.ratings.national import (
    NATION,
    DataSet,
    NationalPicture,
    RatedFramework,
    national_picture,
)
from pinspect.ratings.national_charts import group_chart, scope_chart
from pinspect.ratings.national_export import EXPORT_COLUMNS, national_csv, national_parquet
from pinspect.settings import Settings
from pinspect.web.attribute_words import attribute_name, group_words
from pinspect.web.date_input import date_from_parts, date_input, part_fields, typed_parts
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import inspection_answers
from pinspect.web.installation import installation_settings
from pinspect.web.login import login_required
from pinspect.web.organisations.models import Level
from pinspect.web.permissions import Action, can
from pinspect.web.text_rules import TextRulesForm

__all__ = ["NationalData", "national_data", "national_export", "national_page"]


_PERIOD = {"start": "Fieldwork ended on or after", "end": "Fieldwork ended on or before"}


class PeriodForm(TextRulesForm):
    """The period: inspections whose fieldwork ended on or after ``start`` and on or before
    ``end`` (either may be left empty). The page asks for each as a GOV.UK date input
    (``start_day``, ``start_month``, ``start_year``); its own links, the JSON and the exports
    give it as a date (``start=2023-04-01``)."""

    start = forms.DateField(required=False, label=_PERIOD["start"])
    end = forms.DateField(required=False, label=_PERIOD["end"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prefix in _PERIOD:
            self.fields.update(part_fields(prefix))

    def _typed(self, prefix: str) -> bool:
        """Whether the date was typed in its boxes (not given by a link)."""
        return any(typed_parts(self.data, prefix))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix in filter(self._typed, _PERIOD):
            try:
                data[prefix] = date_from_parts(typed_parts(self.data, prefix))
            except ValueError:
                data[prefix] = None
                self.add_error(f"{prefix}_day", "Enter a real date, for example 1 4 2023")
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end_day" if self._typed("end") else "end",
                "The end of the period must be on or after its start",
            )
        return data

    def date_inputs(self) -> list[dict[str, Any]]:
        """The two date inputs as the page draws them: what was typed, or the period's dates
        when it came from a link."""
        inputs = []
        for prefix, legend in _PERIOD.items():
            values = typed_parts(self.data, prefix)
            chosen = self.cleaned_data.get(prefix) if hasattr(self, "cleaned_data") else None
            if not self._typed(prefix) and chosen is not None:
                values = [str(chosen.day), str(chosen.month), str(chosen.year)]
            # A box's own error (the text rule's, for a NUL byte) comes with the day's "Enter
            # a real date": that one is said beside the input.
            errors = [*self.errors.get(f"{prefix}_day", []), *self.errors.get(prefix, [])]
            hint = "For example, 1 4 2023. Leave empty for no limit."
            inputs.append(date_input(prefix, legend, values, errors, hint=hint))
        return inputs


@dataclass(frozen=True)
class IncludedInspection:
    id: int
    title: str
    unit: str
    region: str | None
    framework: str
    framework_title: str
    ended: date

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "unit": self.unit,
            "region": self.region,
            "framework": self.framework,
            "fieldwork_ended": self.ended.isoformat(),
        }


@dataclass(frozen=True)
class NationalData:
    """The inspections pooled and the core's picture of them."""

    start: date | None
    end: date | None
    inspections: tuple[IncludedInspection, ...]
    picture: NationalPicture

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": {
                "start": None if self.start is None else self.start.isoformat(),
                "end": None if self.end is None else self.end.isoformat(),
            },
            "inspections": [i.as_dict() for i in self.inspections],
            "national": self.picture.as_dict(),
        }


def _region_of(inspection: Any) -> str | None:
    for unit in inspection.unit.ancestors_and_self():
        if unit.level == Level.REGION:
            return str(unit.name)
    return None


def national_data(
    start: date | None = None, end: date | None = None, settings: Settings | None = None
) -> NationalData:
    """Pool every published inspection whose fieldwork ended in the period."""
    settings = settings or installation_settings()
    published = Inspection.objects.filter(status=Status.PUBLISHED, mock=False).select_related(
        "unit", "unit__parent", "unit__parent__parent"
    )
    if start is not None:
        published = published.filter(window_end__gte=start)
    if end is not None:
        published = published.filter(window_end__lte=end)
    by_framework: dict[str, list[Any]] = {}
    for inspection in published.order_by("framework_id", "window_end", "pk"):
        by_framework.setdefault(inspection.framework_id, []).append(inspection)
    frameworks = catalogue()
    included: list[IncludedInspection] = []
    rated: list[RatedFramework] = []
    for framework_id, inspections in by_framework.items():
        framework: Framework = frameworks[framework_id]
        tables = {str(i.pk): inspection_answers(i) for i in inspections}
        tables = {label: table for label, table in tables.items() if table.cases}
        regions = {str(i.pk): _region_of(i) for i in inspections}
        included.extend(
            IncludedInspection(
                i.pk,
                i.title,
                i.unit.name,
                regions[str(i.pk)],
                framework_id,
                framework.title,
                i.window_end,
            )
            for i in inspections
            if str(i.pk) in tables
        )
        if not tables:
            continue
        table = combined_answer_table(tables)
        results = rate_inspections(
            framework,
            table,
            catalogue=frameworks,
            settings=settings,
            by=[a.name for a in table.attributes],
        )
        rated.append(RatedFramework(framework, results, regions))
    picture = national_picture(rated, settings=settings, catalogue_frameworks=frameworks)
    return NationalData(start, end, tuple(included), picture)


def _require_analyst(request: HttpRequest) -> None:
    if not can(request.user, Action.VIEW_NATIONAL_PICTURE, None):
        raise Http404("No such page")


def _period(request: HttpRequest) -> tuple[PeriodForm, date | None, date | None]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data.get("start"), form.cleaned_data.get("end")
    return form, None, None


def _errors(form: PeriodForm) -> list[dict[str, str]]:
    if not form.is_bound or form.is_valid():
        return []
    # Each error links to the day box of its date input (a date given by a link included).
    return [
        {"anchor": f"id_{field.split('_')[0]}_day", "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]


@dataclass(frozen=True)
class ScopeChart:
    scope: str
    name: str
    chart: Any
    chart_id: str


@dataclass(frozen=True)
class DataSetView:
    """One data set on the page: its charts for the chosen breakdown."""

    data_set: DataSet
    title: str
    scope_charts: tuple[ScopeChart, ...]
    group_charts: tuple[ScopeChart, ...]
    breakdowns: tuple[tuple[str, str], ...]  # (query string, words)
    scopes: tuple[tuple[str, str], ...]  # (query string, name) of the other scopes
    scope_name: str


def _scope_name(scope: str) -> str:
    return "England and Wales" if scope == NATION else scope


def _texts(framework_id: str) -> dict[str, str]:
    framework = catalogue()[framework_id]
    return {kq.id: kq.text for s in framework.standards for kq in s.key_questions}


def _query(period: dict[str, str], **more: Any) -> str:
    return urlencode({**period, **more}, doseq=True)


def _view(
    data_set: DataSet, scope: str, by: tuple[str, ...], period: dict[str, str]
) -> DataSetView:
    texts = _texts(data_set.framework)
    ident = data_set.framework + ("-indicative" if data_set.indicative else "")
    scope_charts = tuple(
        ScopeChart(
            s, _scope_name(s), scope_chart(data_set, s, _scope_name(s), texts), f"{ident}-{i}"
        )
        for i, s in enumerate(data_set.scopes)
    )
    group_charts: tuple[ScopeChart, ...] = ()
    if by and all(name in data_set.attributes for name in by) and scope in data_set.scopes:
        group_charts = tuple(
            ScopeChart(
                scope,
                _scope_name(scope),
                group_chart(
                    data_set,
                    scope=scope,
                    scope_name=_scope_name(scope),
                    by=by,
                    key_question=kq,
                    text=texts.get(kq, ""),
                    words=group_words,
                ),
                f"{ident}-by-{k}",
            )
            for k, kq in enumerate(data_set.key_questions)
        )
    key = _key(data_set)
    singles = [
        (_query(period, data_set=key, scope=scope, by=[name]), attribute_name(name))
        for name in data_set.attributes
    ]
    pairs = [
        (
            _query(period, data_set=key, scope=scope, by=[a, b]),
            f"{attribute_name(a)} and {attribute_name(b).lower()}",
        )
        for a, b in combinations(data_set.attributes, 2)
    ]
    scopes = tuple(
        (_query(period, data_set=key, scope=s, by=list(by)), _scope_name(s))
        for s in data_set.scopes
        if s != scope
    )
    title = catalogue()[data_set.framework].title
    return DataSetView(
        data_set, title, scope_charts, group_charts, (*singles, *pairs), scopes, _scope_name(scope)
    )


@login_required
def national_page(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form, start, end = _period(request)
    errors = _errors(form)
    if errors:
        return render(
            request, "national/picture.html", {"form": form, "errors": errors}, status=400
        )
    data = national_data(start, end)
    if request.GET.get("format") == "json":
        return JsonResponse(data.as_dict())
    by = tuple(dict.fromkeys(request.GET.getlist("by")))[:2]
    scope = request.GET.get("scope") or NATION
    chosen = request.GET.get("data_set")
    period = {name: value.isoformat() for name, value in (("start", start), ("end", end)) if value}
    views = [
        _view(d, scope if chosen == _key(d) else NATION, by if chosen == _key(d) else (), period)
        for d in data.picture.data_sets
    ]
    context = {
        "form": form,
        "errors": [],
        "data": data,
        "views": views,
        "by": [attribute_name(name) for name in by],
        "period": urlencode(period),
        "json_query": _query(period, format="json"),
        "columns": EXPORT_COLUMNS,
    }
    return render(request, "national/picture.html", context)


def _key(data_set: DataSet) -> str:
    return data_set.framework + ("-indicative" if data_set.indicative else "")


@login_required
def national_export(request: HttpRequest, extension: str) -> HttpResponse:
    """The analyst's export of the period's picture, as CSV or Parquet."""
    _require_analyst(request)
    form, start, end = _period(request)
    if _errors(form):
        return JsonResponse(
            {"detail": "The period is not valid", "errors": _errors(form)}, status=400
        )
    picture = national_data(start, end).picture
    if extension == "csv":
        body, kind = national_csv(picture), "text/csv; charset=utf-8"
    else:
        body, kind = national_parquet(picture), "application/vnd.apache.parquet"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="national-picture.{extension}"'
    return response
