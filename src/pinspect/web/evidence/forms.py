"""Forms of the evidence log and the judgement pages (GOV.UK markup is in the templates)."""

from __future__ import annotations

from typing import Any

from django import forms

from pinspect.frameworks import Standard
from pinspect.scale.rating import Rating
from pinspect.web.date_input import (
    DATE_PARTS,
    date_from_parts,
    date_input,
    part_fields,
    typed_parts,
)
from pinspect.web.evidence.judgements import MAX_RATIONALE, Submission, answerable
from pinspect.web.evidence.models import EvidenceKind
from pinspect.web.evidence.sources import JudgedPrompt, evidence_sources
from pinspect.web.text_rules import TextRulesForm

__all__ = [
    "DocumentForm",
    "ItemForm",
    "JudgementForm",
    "SurveyImportForm",
    "TagForm",
    "anchor",
    "answer_field",
    "tag_field",
]

MAX_NOTES = 10000
NOT_TAGGED = ""
TAGGED = "-"


def anchor(name: str) -> str:
    """The HTML id of a field's (first) input; error summary links point at it."""
    return "f-" + name.replace(".", "-").replace(":", "-").replace("_", "-")


def answer_field(question_id: str) -> str:
    return f"answer:{question_id}"


def tag_field(prompt_id: str) -> str:
    return f"tag:{prompt_id}"


class _ErrorList:
    """Errors in field order, each with the id of the input it links to."""

    errors: Any
    fields: Any

    def error_list(self) -> list[dict[str, str]]:
        errors: list[dict[str, str]] = []
        for name, messages in self.errors.items():
            target = anchor(name) if name != "__all__" else ""
            if name == "date" or name.startswith("date_"):
                target = anchor("date_day")
            errors.extend({"anchor": target, "message": str(m)} for m in messages)
        return errors


class _DatedForm(_ErrorList, TextRulesForm):
    """A GOV.UK date input (day, month, year), optional."""

    date_day, date_month, date_year = part_fields("date").values()
    notes = forms.CharField(required=False, max_length=MAX_NOTES, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["when"] = date_from_parts(typed_parts(data, "date"))
        except ValueError:
            data["when"] = None
            self.add_error("date_day", "Enter a real date, for example 27 3 2024")
        return data

    @property
    def date_input(self) -> dict[str, Any]:
        """The date input as ``includes/date_input.html`` draws it (its page names the
        legend)."""
        return date_input(
            "date",
            "Date (optional)",
            [str(self[f"date_{part}"].value() or "") for part in DATE_PARTS],
            self.errors.get("date_day", []),
            hint="For example, 27 3 2024",
            ids=anchor,
        )


class ItemForm(_DatedForm):
    kind = forms.ChoiceField(
        choices=[
            (EvidenceKind.MEETING.value, EvidenceKind.MEETING.label),
            (EvidenceKind.OTHER.value, EvidenceKind.OTHER.label),
        ],
        error_messages={"required": "Select the kind of evidence"},
    )
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a title for the evidence"}
    )
    attendees = forms.CharField(required=False, max_length=MAX_NOTES, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == EvidenceKind.MEETING and not data.get("attendees", "").strip():
            self.add_error("attendees", "Enter who attended the meeting and their roles")
        return data


class DocumentForm(_DatedForm):
    file = forms.FileField(error_messages={"required": "Select a file to upload"})
    title = forms.CharField(required=False, max_length=200)


class SurveyImportForm(_DatedForm):
    questions = forms.FileField(error_messages={"required": "Select the questions CSV file"})
    responses = forms.FileField(error_messages={"required": "Select the responses CSV file"})
    title = forms.CharField(max_length=200, initial="Survey of people on probation")


class TagForm(_ErrorList, TextRulesForm):
    """One choice per domain-one prompt: not tagged, tagged, or tagged as one of the prompt's
    listed evidence sources."""

    def __init__(self, prompts: tuple[JudgedPrompt, ...], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        for item in prompts:
            choices = [(NOT_TAGGED, "Not tagged"), (TAGGED, "Tagged (a source not listed)")]
            choices += [
                (s.key, f"{s.stage_label}: {s.label}") for s in evidence_sources(item.prompt)
            ]
            self.fields[tag_field(item.prompt.id)] = forms.ChoiceField(
                choices=choices, required=False
            )

    def tags(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for item in self.prompts:
            value = self.cleaned_data.get(tag_field(item.prompt.id)) or NOT_TAGGED
            if value != NOT_TAGGED:
                chosen[item.prompt.id] = "" if value == TAGGED else value
        return chosen


class JudgementForm(_ErrorList, TextRulesForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    rationale = forms.CharField(required=False, max_length=MAX_RATIONALE, widget=forms.Textarea)
    rating = forms.ChoiceField(
        choices=[("", "No proposal yet")] + [(r.key, r.label) for r in reversed(Rating)],
        required=False,
    )

    def __init__(self, standard: Standard, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.standard = standard
        for question in answerable(standard):
            self.fields[answer_field(question)] = forms.ChoiceField(
                choices=[("yes", "Yes"), ("no", "No")], required=False
            )

    def submission(self) -> Submission:
        data = self.cleaned_data
        rating = data.get("rating")
        return Submission(
            answers={
                q: data[answer_field(q)]
                for q in answerable(self.standard)
                if data.get(answer_field(q))
            },
            rationale=data.get("rationale", ""),
            rating=Rating.parse(rating) if rating else None,
        )
