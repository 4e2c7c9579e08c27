"""The forms of the calibration pages: a new exercise. The reference and the inspectors'
markings use the blind second marking's form, prompt by prompt
(:class:`pinspect.web.consistency.forms.SecondMarkingForm`)."""

from __future__ import annotations

from typing import Any

from django import forms

from pinspect.frameworks.model import RatedBy
from pinspect.web.assessments.questions import case_questions
from pinspect.web.frameworks import catalogue
from pinspect.web.text_rules import TextRulesForm

__all__ = ["MAX_SUMMARY", "ExerciseForm", "case_frameworks"]

MAX_SUMMARY = 5000


def case_frameworks() -> list[tuple[str, str]]:
    """(framework and sample, words) of every framework with case-rated standards."""
    choices: list[tuple[str, str]] = []
    for fid, framework in catalogue().items():
        samples = sorted(
            {
                s.sample.value if s.sample is not None else "supervision"
                for s in framework.standards
                if s.rated_by is RatedBy.CASES
            }
        )
        choices.extend(
            (f"{fid}|{sample}", f"{framework.title}: {sample.replace('_', ' ')} cases")
            for sample in samples
            if case_questions(framework, sample).question_ids()
        )
    return choices


class ExerciseForm(TextRulesForm):
    title = forms.CharField(label="Title", max_length=200)
    framework = forms.ChoiceField(label="Framework and cases", choices=())
    summary = forms.CharField(
        label="Case summary",
        max_length=MAX_SUMMARY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "A fictional or pseudonymised case: no real names, no real case references or "
            "dates of birth."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        framework = self.fields["framework"]
        assert isinstance(framework, forms.ChoiceField)
        framework.choices = case_frameworks()

    def framework_and_sample(self) -> tuple[str, str]:
        fid, sample = str(self.cleaned_data["framework"]).split("|", 1)
        return fid, sample
