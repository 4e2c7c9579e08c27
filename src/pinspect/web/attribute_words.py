"""Case attributes in words: the names and coded values the pages show ("age_band" → "Age
band", "post_custody" → "Post-custody"); values not listed are shown as recorded."""

from __future__ import annotations

__all__ = ["attribute_name", "attribute_value", "group_words"]

_NAMES = {
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "age_band": "Age band",
    "disability": "Disability",
    "religion": "Religion or belief",
    "sexual_orientation": "Sexual orientation",
    "case_type": "Case type",
}
_VALUES = {
    ("sex", "male"): "Male",
    ("sex", "female"): "Female",
    ("sex", "other"): "Other",
    ("case_type", "community"): "Community sentence",
    ("case_type", "post_custody"): "Post-custody",
}


def attribute_name(name: str) -> str:
    return _NAMES.get(name, name.replace("_", " ").capitalize())


def attribute_value(name: str, value: str | None) -> str:
    if value is None or value == "":
        return "Not recorded"
    return _VALUES.get((name, value), value)


def group_words(group: tuple[tuple[str, str | None], ...]) -> str:
    """A group of cases in words: "All cases", "Female", "Female, Asian or Asian British"."""
    if not group:
        return "All cases"
    return ", ".join(attribute_value(name, value) for name, value in group)
