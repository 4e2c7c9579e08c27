"""Forms of the inspection-management pages: status moves and the team."""

from __future__ import annotations

from django import forms

from pinspect.web.inspections.models import Role, Status
from pinspect.web.text_rules import TextRulesForm

__all__ = ["AddMemberForm", "ChangeRoleForm", "RemoveMemberForm", "StatusForm"]


class StatusForm(TextRulesForm):
    expected = forms.CharField(widget=forms.HiddenInput)
    # Any status validates here; lifecycle.move_status decides which moves are allowed (and
    # says so when the status changed since the page was shown).
    target = forms.ChoiceField(
        choices=Status.choices,
        widget=forms.RadioSelect,
        label="Move the inspection",
        error_messages={"required": "Choose where to move the inspection"},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        label="Reason",
    )


class AddMemberForm(TextRulesForm):
    username = forms.CharField(
        max_length=150,
        label="Person",
        error_messages={"required": "Choose the person to add"},
    )
    role = forms.ChoiceField(
        choices=[("", "Choose a role"), *Role.choices],
        label="Role",
        error_messages={"required": "Choose a role"},
    )


class ChangeRoleForm(TextRulesForm):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=Role.choices, label="Role")


class RemoveMemberForm(TextRulesForm):
    membership = forms.IntegerField(widget=forms.HiddenInput)
