"""The core's text rule (:func:`pinspect.text.text_problem`: no NUL, no unpaired surrogate, no
longer than the column holds) applied once per layer of the web application, so SQLite and
PostgreSQL store exactly the same things and neither answers 500:

- **forms**: :class:`TextRulesMixin` (every form of the application inherits it, most
  through :class:`TextRulesForm`; a test holds that) checks every text field against its
  ``max_length`` and the name of every uploaded file, one message per field in the error
  summary;
- **API schemas**: :func:`checked_text` is the type of every text value in a request body: a
  problem is a 422 naming the field;
- **models**: :func:`refuse_unstorable_text`, a ``pre_save`` receiver for every model, checks
  every text column against its length and every string inside a JSON column, raising
  :class:`InputError` (400 on a page or the API) — the last line, for what no form or schema
  saw (imports, the admin, code yet to be written).

The messages never repeat the text itself (it may be case content).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from pydantic import AfterValidator, Field

from pinspect.problems import InputError, Problem
from pinspect.text import text_problem

__all__ = [
    "TextRule",
    "TextRulesForm",
    "TextRulesMixin",
    "checked_text",
    "model_text_problems",
    "refuse_unstorable_text",
]


def _label(name: str, field: forms.Field) -> str:
    if field.label:
        return str(field.label)
    words = name.replace(":", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


class TextRule:
    """A form-field validator: ``<label> <what is wrong>``, or nothing. Takes a string, or an
    uploaded file (its name is checked)."""

    def __init__(self, label: str, max_length: int | None) -> None:
        self.label = label
        self.max_length = max_length

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):
            problem = text_problem(value, max_length=self.max_length)
            if problem:
                raise ValidationError(f"{self.label} {problem}", code="text")
            return
        name = getattr(value, "name", None)
        if isinstance(name, str):
            problem = text_problem(name)
            if problem:
                raise ValidationError(f"The file's name {problem}", code="text")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextRule) and (self.label, self.max_length) == (
            other.label,
            other.max_length,
        )

    def __hash__(self) -> int:
        return hash((self.label, self.max_length))


def _apply(name: str, field: forms.Field) -> None:
    if any(isinstance(v, TextRule) for v in field.validators):
        return
    if isinstance(field, forms.CharField):
        # The text rule says the same as Django's NUL and length validators, in one message.
        field.validators = [
            v
            for v in field.validators
            if not isinstance(v, MaxLengthValidator | ProhibitNullCharactersValidator)
        ]
        field.validators.append(TextRule(_label(name, field), field.max_length))
    elif isinstance(field, forms.FileField):
        field.validators.append(TextRule(_label(name, field), None))


class TextRulesMixin(forms.BaseForm):
    """Before a form is checked, each of its text fields (including those added in
    ``__init__``) gets the text rule with its own ``max_length``, and each file field the rule
    for file names. Mixed into every form of the application (:class:`TextRulesForm`, and
    first among the bases of model and authentication forms)."""

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            _apply(name, field)
        super().full_clean()


class TextRulesForm(TextRulesMixin, forms.Form):
    """Base of the application's plain forms."""


def _check(value: str, *, max_length: int | None) -> str:
    problem = text_problem(value, max_length=max_length)
    if problem:
        raise ValueError(problem)
    return value


def checked_text(max_length: int | None = None) -> Any:
    """The type of a text value in an API body: a string the text rule accepts. The limit is
    published in the OpenAPI document (``maxLength``) and checked by the rule itself, so the
    message is the same as on the pages."""
    schema: dict[str, Any] = {} if max_length is None else {"maxLength": max_length}
    return Annotated[
        str,
        AfterValidator(partial(_check, max_length=max_length)),
        Field(json_schema_extra=schema or None),
    ]


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield key
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def model_text_problems(instance: models.Model) -> list[Problem]:
    """Every text value of ``instance`` that its column cannot hold."""
    problems: list[Problem] = []
    label = instance._meta.label_lower
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        problem: str | None = None
        if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            problem = text_problem(value, max_length=field.max_length)
        elif isinstance(field, models.JSONField):
            problem = next(filter(None, map(text_problem, _strings(value))), None)
        if problem:
            problems.append(Problem(None, None, f"{label}.{field.name}", problem))
    return problems


def refuse_unstorable_text(sender: Any, instance: models.Model, **kwargs: Any) -> None:  # noqa: ARG001
    """``pre_save`` receiver: :class:`InputError` for text no column can hold."""
    if kwargs.get("raw"):
        return
    problems = model_text_problems(instance)
    if problems:
        raise InputError(problems)
