"""The recommendation form."""

from __future__ import annotations

from django import forms

from pinspect.web.text_rules import TextRulesForm

__all__ = ["RecommendationForm"]


class RecommendationForm(TextRulesForm):
    addressed_to = forms.CharField(
        max_length=200,
        label="Addressed to",
        help_text="The named body the recommendation is for, for example the PDU head",
        error_messages={"required": "Enter the body the recommendation is addressed to"},
    )
    text = forms.CharField(
        max_length=5000,
        widget=forms.Textarea,
        label="Recommendation",
        error_messages={"required": "Enter the recommendation"},
    )
