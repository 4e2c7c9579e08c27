"""The forms of the double-marking pages: drawing the sub-sample, a second marking, a
moderation decision."""

from __future__ import annotations

from typing import Any

from django import forms

from pinspect.web.assessments.models import AnswerValue
from pinspect.web.assessments.questions import CaseQuestions
from pinspect.web.assessments.saving import MAX_NOTE, CaseAnswers
from pinspect.web.consistency.models import Decision
from pinspect.web.consistency.moderation import MAX_REASON
from pinspect.web.text_rules import TextRulesForm

__all__ = ["DrawForm", "ModerationForm", "SecondMarkingForm", "answer_name", "note_name"]

_LABELS = dict(AnswerValue.choices)
MAX_SEED = 2**31 - 1


def answer_name(question: str) -> str:
    return f"answer:{question}"


def note_name(question: str) -> str:
    return f"note:{question}"


class DrawForm(TextRulesForm):
    share = forms.FloatField(
        label="Share of each inspector's complete cases",
        min_value=0.01,
        max_value=1,
        help_text="For example 0.1 for a tenth; at least one case of every inspector is drawn.",
    )
    seed = forms.IntegerField(
        label="Seed",
        min_value=0,
        max_value=MAX_SEED,
        help_text="The same cases, share and seed always draw the same sub-sample.",
    )


class SecondMarkingForm(TextRulesForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_SEED)
    action = forms.ChoiceField(
        choices=(("save", "Save and come back later"), ("complete", "Save and mark complete")),
        required=False,
    )

    def __init__(self, questions: CaseQuestions, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions.question_ids():
            self.fields[answer_name(question)] = forms.ChoiceField(
                label=question,
                choices=[(a, _LABELS[a]) for a in questions.allowed_answers(question)],
                required=False,
            )
        for kq in questions.key_question_ids():
            self.fields[note_name(kq)] = forms.CharField(
                label=f"Note on {kq}", required=False, max_length=MAX_NOTE
            )

    def submission(self) -> CaseAnswers:
        data = self.cleaned_data
        return CaseAnswers(
            answers={
                q: data[answer_name(q)]
                for q in self.questions.question_ids()
                if data.get(answer_name(q))
            },
            notes={
                q: data[note_name(q)]
                for q in self.questions.key_question_ids()
                if data.get(note_name(q))
            },
            attributes=None,
            complete=data.get("action") == "complete",
        )


class ModerationForm(TextRulesForm):
    qa_case = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_SEED)
    question = forms.CharField(widget=forms.HiddenInput, max_length=40)
    decision = forms.ChoiceField(label="Which answer counts", choices=Decision.choices)
    third = forms.ChoiceField(
        label="The third answer",
        choices=[("", "—"), *AnswerValue.choices],
        required=False,
    )
    reason = forms.CharField(label="Reason", max_length=MAX_REASON, widget=forms.Textarea)
