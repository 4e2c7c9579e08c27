"""The panel's forms: a decision on one target, and the reason for reopening a sign-off."""

from __future__ import annotations

from typing import Any

from django import forms

from pinspect.scale.rating import Rating
from pinspect.web.text_rules import TextRulesForm

__all__ = ["DecisionForm", "ReopenForm"]

MAX_REASON = 5000


class DecisionForm(TextRulesForm):
    """Verify the computed (or proposed) rating, or depart with a final rating and reasons.
    Whether a departure has its reasons is decided by the core's ``Departure``, not here."""

    target = forms.CharField(max_length=40, widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=(("verified", "Verify the rating"), ("departed", "Depart from it")),
        error_messages={"required": "Choose whether to verify the rating or depart from it"},
    )
    final = forms.TypedChoiceField(
        choices=[("", "Choose")] + [(str(r.value), r.label) for r in Rating],
        coerce=lambda value: Rating(int(value)),
        empty_value=None,
        required=False,
    )
    reason = forms.CharField(max_length=MAX_REASON, required=False, widget=forms.Textarea)
    present = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, members: list[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        present = self.fields["present"]
        assert isinstance(present, forms.MultipleChoiceField)
        present.choices = [(str(m.pk), m.username) for m in members]

    def present_members(self) -> list[Any]:
        return [self.members[pk] for pk in self.cleaned_data.get("present", [])]


class ReopenForm(TextRulesForm):
    reason = forms.CharField(
        max_length=MAX_REASON,
        widget=forms.Textarea,
        error_messages={"required": "Give the reason for reopening the panel's ratings"},
    )
