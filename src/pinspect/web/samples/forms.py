"""Forms of the sample pages. Uploaded files arrive in memory only (see
:mod:`pinspect.web.samples.upload`); the forms check the form fields, the core checks the
files."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from pinspect.sampling.strata import stratum_label
from pinspect.settings import Settings
from pinspect.web.installation import installation_settings
from pinspect.web.samples.upload import FILE_TYPES
from pinspect.web.text_rules import TextRulesForm

__all__ = ["DrawForm", "ReplacementForm", "UploadForm", "error_list"]

NEXT_RESERVE = ""


def _file_type(upload: Any) -> Any:
    name = str(upload.name or "")
    if not name.lower().endswith(FILE_TYPES):
        raise forms.ValidationError("The file must be a .csv or .xlsx file")
    return upload


class UploadForm(TextRulesForm):
    """One CSV or XLSX file: a prepared sample, or the long list again for the sample key."""

    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Choose a .csv or .xlsx file to upload"},
    )

    def __init__(self, *args: Any, label: str = "Upload a file", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label

    def clean_file(self) -> Any:
        return _file_type(self.cleaned_data["file"])


class DrawForm(UploadForm):
    """The long list and the draw's settings (defaults: the installation's settings)."""

    mapping = forms.FileField(required=False, label="Column mapping (optional)")
    sample = forms.CharField(max_length=30, initial="supervision", label="Sample")
    sized_by = forms.ChoiceField(
        choices=(
            ("confidence", "From a confidence level and margin of error"),
            ("given", "A given number of cases"),
        ),
        initial="confidence",
        widget=forms.RadioSelect,
        label="How is the sample sized?",
    )
    confidence = forms.DecimalField(
        min_value=Decimal("0.1"),
        max_value=Decimal("99.9"),
        decimal_places=1,
        initial=lambda: Decimal(str(round(installation_settings().confidence_level * 100, 1))),
        required=False,
        label="Confidence level",
    )
    margin = forms.DecimalField(
        min_value=Decimal("0.1"),
        max_value=Decimal("99.9"),
        decimal_places=1,
        initial=lambda: Decimal(str(round(installation_settings().margin_of_error * 100, 1))),
        required=False,
        label="Margin of error",
    )
    size = forms.IntegerField(min_value=1, required=False, label="Number of cases")
    max_per_practitioner = forms.IntegerField(
        min_value=1,
        initial=lambda: installation_settings().max_per_practitioner,
        label="Most cases per practitioner",
    )
    reserve_percent = forms.IntegerField(
        min_value=0,
        max_value=100,
        initial=lambda: installation_settings().reserve_percent,
        label="Reserve list",
    )
    seed = forms.IntegerField(
        min_value=0, max_value=2**62, required=False, label="Random seed (optional)"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, label="Long list", **kwargs)

    def clean_mapping(self) -> Any:
        upload = self.cleaned_data.get("mapping")
        if upload and not str(upload.name or "").lower().endswith((".yaml", ".yml")):
            raise forms.ValidationError("The column mapping must be a .yaml file")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sized_by") == "given":
            if data.get("size") is None and "size" not in self.errors:
                self.add_error("size", "Enter the number of cases to draw")
        else:
            for name, label in (("confidence", "confidence level"), ("margin", "margin of error")):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, f"Enter the {label} as a percentage")
        if not self.errors:
            try:
                data["settings"] = self.settings(data)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return data

    @staticmethod
    def settings(data: dict[str, Any]) -> Settings:
        changes: dict[str, Any] = {
            "max_per_practitioner": data["max_per_practitioner"],
            "reserve_percent": data["reserve_percent"],
        }
        if data.get("sized_by") != "given":
            changes["confidence_level"] = float(data["confidence"]) / 100
            changes["margin_of_error"] = float(data["margin"]) / 100
        return installation_settings().with_changes(**changes)


class ReplacementForm(TextRulesForm):
    case = forms.TypedChoiceField(
        coerce=int,
        label="Case to replace",
        error_messages={"required": "Choose the case to replace"},
    )
    reserve = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Replace it with"
    )
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea,
        label="Why is the case replaced?",
        error_messages={"required": "Enter the reason the case is replaced"},
    )

    def __init__(self, cases: Any, reserve: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case_field, reserve_field = self.fields["case"], self.fields["reserve"]
        assert isinstance(case_field, forms.ChoiceField)
        assert isinstance(reserve_field, forms.ChoiceField)
        case_field.choices = [("", "Choose a case")] + [
            (c.pk, f"{c.reference} ({stratum_label(c.stratum)})") for c in cases
        ]
        reserve_field.choices = [(NEXT_RESERVE, "The next reserve case of the same stratum")] + [
            (c.pk, f"{c.reference} (rank {c.reserve_rank}, {stratum_label(c.stratum)})")
            for c in reserve
        ]

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("Enter the reason the case is replaced")
        return reason


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """The form's errors for the GOV.UK error summary, each linked to its field."""
    errors: list[dict[str, str]] = []
    for name, messages in form.errors.items():
        anchor = f"id_{name}" if name in form.fields else ""
        if name == "sized_by":
            anchor = "id_sized_by_0"
        errors.extend({"anchor": anchor, "message": str(m)} for m in messages)
    return errors
