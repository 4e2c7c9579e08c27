"""Upload a CSV of units."""

from __future__ import annotations

from django import forms

from pinspect.web.text_rules import TextRulesForm

MAX_BYTES = 2 * 1024 * 1024


class UnitImportForm(TextRulesForm):
    file = forms.FileField(label="Upload a CSV file of units (code,name,level,parent)")

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be a UTF-8 CSV file") from None
