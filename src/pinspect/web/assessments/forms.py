"""The case assessment form, built from the case's questions (one radio group per prompt and
key question asked, a note per key question, and the version read): the whole case with its
attributes, or one standard's page, whose save leaves the other standards' answers as saved."""

from __future__ import annotations

from typing import Any

from django import forms

from pinspect.web.assessments.models import ANSWER_LABELS, ATTRIBUTE_NAMES
from pinspect.web.assessments.questions import CaseQuestions, question_words
from pinspect.web.assessments.saving import ATTRIBUTE_VALUE_LENGTH, MAX_NOTE, CaseAnswers
from pinspect.web.text_rules import TextRulesForm

__all__ = ["CaseAssessmentForm", "anchor", "answer_field", "note_field"]

_LABELS = ANSWER_LABELS


def answer_field(question_id: str) -> str:
    return f"answer:{question_id}"


def note_field(question_id: str) -> str:
    return f"note:{question_id}"


def anchor(question_id: str) -> str:
    """The HTML id of a question's first input (error summary links point at it)."""
    return "q-" + question_id.replace(".", "-").replace(":", "-")


def _invalid_choice(questions: CaseQuestions, question: str, allowed: tuple[str, ...]) -> str:
    """The error for an answer the question does not offer (a yes to an outcome judgement,
    "met" to a prompt), naming the question in its words and the answers it offers."""
    words = question_words(questions.framework, question).replace("%", "%%")
    offered = ", ".join(_LABELS[a] for a in allowed)
    return f"Select a valid choice for {words}: %(value)s is not one of {offered}."


class CaseAssessmentForm(TextRulesForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(
        choices=(
            ("save", "Save and come back later"),
            ("complete", "Save and mark complete"),
            ("continue", "Save and continue"),
            ("complete-next", "Mark complete and go to my next case"),
        ),
        required=False,
    )

    def __init__(
        self,
        questions: CaseQuestions,
        *args: Any,
        with_attributes: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.with_attributes = with_attributes
        for question in questions.question_ids():
            allowed = questions.allowed_answers(question)
            self.fields[answer_field(question)] = forms.ChoiceField(
                choices=[(a, _LABELS[a]) for a in allowed],
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _invalid_choice(questions, question, allowed)},
            )
        for kq in questions.key_question_ids():
            self.fields[note_field(kq)] = forms.CharField(
                required=False, max_length=MAX_NOTE, widget=forms.Textarea
            )
        for name in ATTRIBUTE_NAMES if with_attributes else ():
            self.fields[f"attribute:{name}"] = forms.CharField(
                required=False,
                max_length=ATTRIBUTE_VALUE_LENGTH,
                label=name.replace("_", " ").capitalize(),
            )

    def submission(self) -> CaseAnswers:
        data = self.cleaned_data
        return CaseAnswers(
            answers={
                q: data.get(answer_field(q)) or ""
                for q in self.questions.question_ids()
                if data.get(answer_field(q))
            },
            notes={
                q: data.get(note_field(q)) or ""
                for q in self.questions.key_question_ids()
                if data.get(note_field(q))
            },
            attributes={name: data.get(f"attribute:{name}") or "" for name in ATTRIBUTE_NAMES}
            if self.with_attributes
            else None,
            complete=data.get("action") in ("complete", "complete-next"),
            # One standard's page covers its own questions only; the rest stay as saved.
            scope=None if self.with_attributes else frozenset(self.questions.every_question_id()),
        )

    def error_list(self) -> list[dict[str, str]]:
        """Errors in page order, each with the id of the input it links to."""
        errors: list[dict[str, str]] = []
        for name, messages in self.errors.items():
            question = name.split(":", 1)[-1]
            target = anchor(question) if ":" in name else f"id_{name}"
            errors.extend({"anchor": target, "message": str(m)} for m in messages)
        return errors
