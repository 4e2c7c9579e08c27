"""The text rule (pinspect.text.text_problem) holds at every layer of the web application:
every form inherits it, and every model refuses text its column cannot hold before the
database sees it — the same on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms

import pinspect.web
from pinspect.problems import InputError
from pinspect.web.assessments.models import SampledCase
from pinspect.web.organisations.models import Unit
from pinspect.web.text_rules import TextRule, TextRulesForm, TextRulesMixin

# Entry points that configure or start Django rather than define anything.
SKIPPED = (".wsgi", ".__main__", ".manage")


def _forms() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(pinspect.web.__path__, "pinspect.web."):
        name = module_info.name
        if ".migrations" in name or ".settings" in name or name.endswith(SKIPPED):
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__.startswith("pinspect.web")
                and cls.__module__ != "pinspect.web.text_rules"
                and not cls.__name__.startswith("_")
            ):
                found[f"{cls.__module__}.{cls.__name__}"] = cls
    return list(found.values())


def test_every_form_of_the_application_applies_the_text_rule() -> None:
    every = _forms()
    assert len(every) >= 15
    without = [f.__name__ for f in every if not issubclass(f, TextRulesMixin)]
    assert without == []


class _Example(TextRulesForm):
    title = forms.CharField(max_length=10)
    file = forms.FileField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note:P1.1"] = forms.CharField(required=False, max_length=5)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "a\x00b"}, "title", "Title contains a NUL character (at position 2)"),
        ({"title": "a\ud800"}, "title", "Title contains an unpaired surrogate (U+D800"),
        ({"title": "x" * 11}, "title", "Title is 11 characters long; at most 10 are allowed"),
        ({"title": "ok", "note:P1.1": "x" * 6}, "note:P1.1", "Note P1.1 is 6 characters long"),
    ],
)
def test_a_form_field_says_what_is_wrong_in_one_message(
    data: dict[str, str], field: str, message: str
) -> None:
    form = _Example(data)
    assert not form.is_valid()
    assert len(form.errors[field]) == 1
    assert form.errors[field][0].startswith(message)


def test_the_rule_replaces_djangos_own_nul_and_length_validators() -> None:
    form = _Example({"title": "ok"})
    assert form.is_valid()
    validators = form.fields["title"].validators
    assert [type(v) for v in validators] == [TextRule]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"code": "N1", "name": "Na\x00me"}, "organisations.unit.name"),
        ({"code": "N\ud800", "name": "Nation"}, "organisations.unit.code"),
        ({"code": "N" * 41, "name": "Nation"}, "organisations.unit.code"),
        ({"code": "N1", "name": "n" * 201}, "organisations.unit.name"),
    ],
)
def test_a_model_refuses_text_its_column_cannot_hold(values: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as refused:
        Unit.objects.create(level="nation", **values)
    assert [p.field for p in refused.value.problems] == [field]
    assert not Unit.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "attributes", [{"sex": "f\x00"}, {"se\x00x": "female"}, {"sex": ["a", "\udc00"]}]
)
def test_a_json_column_refuses_nul_and_surrogates_anywhere_inside(
    scenario: dict[str, Any], attributes: dict[str, Any]
) -> None:
    case = scenario["case"]
    case.attributes = attributes
    with pytest.raises(InputError, match=r"assessments\.sampledcase\.attributes"):
        case.save()
    assert SampledCase.objects.get(pk=case.pk).attributes == {}
