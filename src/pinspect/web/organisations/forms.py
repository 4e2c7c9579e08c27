"""Upload a CSV of units."""

from __future__ import annotations

from django import forms

from pinspect.web.text_rules import TextRulesForm

MAX_BYTES = 2 * 1024 * 1024


class UnitImportForm(TextRulesForm):
    file = forms.FileField(label="Upload a CSV file of units (code,name,level,parent)")

    def clean_file(self) -> bytes:
        """The file's bytes; what they hold is checked by the importer, which names the line
        and column of every problem."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        return bytes(upload.read())
