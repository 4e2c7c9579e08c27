"""The form that creates an inspection: title, unit, framework, fieldwork window (two GOV.UK
date inputs), lead inspector and whether it is a mock inspection. The model's own ``clean``
(framework for the unit's level, set-up to start with) runs on it, as it does in the admin."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from pinspect.frameworks.unit_levels import UNIT_LEVEL_NAMES, unit_level_of
from pinspect.web.date_input import (
    DATE_PARTS,
    date_from_parts,
    date_input,
    part_fields,
    typed_parts,
)
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection
from pinspect.web.permissions import Action, can, units_led_by
from pinspect.web.text_rules import TextRulesMixin

__all__ = ["CreateInspectionForm", "date_inputs", "framework_choices_by_level"]

_WINDOW = {"window_start": "start", "window_end": "end"}
_INSPECTED_LEVELS = ("nation", "region", "pdu")


def framework_choices_by_level() -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalogue's frameworks grouped by the unit level each inspects (select optgroups)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for framework_id, framework in catalogue().items():
        level = unit_level_of(framework)
        if level is not None:
            groups.setdefault(level, []).append((framework_id, framework.title))
    return [
        (f"For {UNIT_LEVEL_NAMES[level]}", groups[level])
        for level in _INSPECTED_LEVELS
        if level in groups
    ]


class _PersonField(forms.ModelChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return _person(obj)


class CreateInspectionForm(TextRulesMixin, forms.ModelForm[Inspection]):
    class Meta:
        model = Inspection
        fields = ("title", "unit", "framework_id", "window_start", "window_end", "mock")

    lead = _PersonField(
        queryset=get_user_model().objects.none(),
        label="Lead inspector",
        error_messages={
            "required": "Choose the lead inspector",
            "invalid_choice": "Choose the lead inspector from the list",
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["title"].error_messages["required"] = "Enter the inspection's title"
        units = units_led_by(user).filter(level__in=_INSPECTED_LEVELS).order_by("level", "name")
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        unit_field.empty_label = "Choose a unit"
        unit_field.error_messages["required"] = "Choose the unit to inspect"
        unit_field.error_messages["invalid_choice"] = "Choose a unit you may lead inspections of"
        self.fields["framework_id"] = forms.ChoiceField(
            choices=[("", "Choose a framework"), *framework_choices_by_level()],
            label="Framework",
            error_messages={
                "required": "Choose the framework",
                "invalid_choice": "Choose a framework from the list",
            },
        )
        lead = self.fields["lead"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        lead.empty_label = "Choose a person"
        self.fields["mock"].label = "This is a mock inspection the provider runs on itself"
        for name in _WINDOW:
            self.fields[name].required = False
        for prefix in _WINDOW.values():
            self.fields.update(part_fields(prefix))
        if not self.is_bound:
            self.initial.setdefault("lead", user.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, prefix in _WINDOW.items():
            data[name] = self._date(prefix)
            if data[name] is not None:
                setattr(self.instance, name, data[name])
        lead, unit = data.get("lead"), data.get("unit")
        if lead is not None and unit is not None and not can(lead, Action.CREATE_INSPECTION, unit):
            self.add_error(
                "lead", f"{_person(lead)} may not lead inspections of {unit.name}: choose another"
            )
        return data

    def _date(self, prefix: str) -> date | None:
        what = "start" if prefix == "start" else "end"
        try:
            typed = date_from_parts(typed_parts(self.data, prefix))
        except ValueError:
            self.add_error(
                f"{prefix}_day", f"Enter a real date the window {what}s, for example 27 3 2025"
            )
            return None
        if typed is None:
            self.add_error(f"{prefix}_day", f"Enter the date the fieldwork window {what}s")
        return typed


def date_inputs(form: CreateInspectionForm) -> list[dict[str, Any]]:
    """The two date inputs of the window as the template draws them."""
    legends = {"start": "Fieldwork window starts", "end": "Fieldwork window ends"}
    return [
        date_input(
            prefix,
            legend,
            [str(form[f"{prefix}_{part}"].value() or "") for part in DATE_PARTS],
            [*form.errors.get(f"{prefix}_day", []), *form.errors.get(f"window_{prefix}", [])],
        )
        for prefix, legend in legends.items()
    ]


def _person(user: Any) -> str:
    full = user.get_full_name().strip()
    return f"{full} ({user.username})" if full else str(user.username)
