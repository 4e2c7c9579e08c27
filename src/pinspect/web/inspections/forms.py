"""Inspection forms: the framework is chosen from the catalogue."""

from __future__ import annotations

from typing import Any

from django import forms

from pinspect.web.frameworks import framework_choices
from pinspect.web.inspections.models import Inspection
from pinspect.web.text_rules import TextRulesMixin


class InspectionForm(TextRulesMixin, forms.ModelForm[Inspection]):
    class Meta:
        model = Inspection
        fields = ("title", "unit", "framework_id", "window_start", "window_end", "status", "mock")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_id"] = forms.ChoiceField(
            choices=framework_choices(), label="Framework"
        )
