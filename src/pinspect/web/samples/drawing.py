"""Drawing a sample from an uploaded long list with the sampling core, and again for the key.

Every rule (eligibility, size, strata, allocation, cap, reserve, analysis) is the core's
(:mod:`pinspect.sampling`, docs/sampling.md); this module only gathers the inputs — the
inspection's window, the form's settings, a seed — calls the core in the same order as
``pinspect sample`` and names the drawn cases by pseudonymous references.

:class:`DrawParameters` is everything besides the file that decides the sample. It is stored
with the draw (:meth:`DrawParameters.as_dict`), so the same file gives the same sample again:
that is how the sample key (reference → CRN) is produced on request and never stored.

A draw runs in two parts. The draw page reads the upload at once
(:func:`long_list_for_draw`: every problem of the file is a form error) and hands it to a
background job (:mod:`pinspect.web.samples.draw_job`), which reads it again and selects
(:func:`select_from`: eligibility, the draw, the analysis) before it saves the sample. The key
is made from the long list uploaded again, not from the job's copy, which is gone once the
sample is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pinspect.frameworks.applicability import FLAG_COLUMNS, case_type_for_sentence, parse_flag
from pinspect.sampling import (
    REQUIRED_COLUMNS,
    ColumnMapping,
    DrawnCase,
    InspectionWindow,
    LongList,
    Selection,
    SelectionStep,
    Stratification,
    check_before_selecting,
    select_sample,
)
from pinspect.settings import Settings
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
from pinspect.web.installation import installation_settings
from pinspect.web.samples.upload import long_list_from_upload

__all__ = [
    "KEY_COLUMNS",
    "DrawParameters",
    "case_attributes",
    "draw_from_upload",
    "drawn_references",
    "key_rows",
    "long_list_for_draw",
    "reference",
    "select_from",
]

#: The sample key's columns: the only place a reference meets a CRN.
KEY_COLUMNS = ("reference", "crn", "stratum", "area", "team", "practitioner", "reserve_rank")


def reference(number: int) -> str:
    """The pseudonymous reference of the ``number``-th drawn case (1-based): ``C0001``…,
    numbered over the sample and then the reserve in rank order, as the demo does."""
    return f"C{number:04d}"


@dataclass(frozen=True)
class DrawParameters:
    """Everything besides the long list that decides the sample."""

    seed: int
    settings: Settings
    size: int | None  # None: sized from the confidence level and margin of error
    today: date
    window: InspectionWindow
    sample: str = "supervision"
    mapping: dict[str, str] = field(default_factory=dict)
    strata: str = "default"

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "sized_by": "confidence" if self.size is None else "given",
            "size": self.size,
            "confidence_level": self.settings.confidence_level,
            "margin_of_error": self.settings.margin_of_error,
            "max_per_practitioner": self.settings.max_per_practitioner,
            "reserve_percent": self.settings.reserve_percent,
            "today": self.today.isoformat(),
            "window": [
                None if self.window.start is None else self.window.start.isoformat(),
                None if self.window.end is None else self.window.end.isoformat(),
            ],
            "sample": self.sample,
            "mapping": dict(self.mapping),
            "strata": self.strata,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DrawParameters:
        start, end = data["window"]
        return cls(
            seed=int(data["seed"]),
            settings=installation_settings().with_changes(
                confidence_level=data["confidence_level"],
                margin_of_error=data["margin_of_error"],
                max_per_practitioner=data["max_per_practitioner"],
                reserve_percent=data["reserve_percent"],
            ),
            size=None if data["size"] is None else int(data["size"]),
            today=date.fromisoformat(data["today"]),
            window=InspectionWindow(
                None if start is None else date.fromisoformat(start),
                None if end is None else date.fromisoformat(end),
            ),
            sample=str(data["sample"]),
            mapping=dict(data["mapping"]),
            strata=str(data["strata"]),
        )


def drawn_references(selection: Selection) -> Iterator[tuple[str, DrawnCase]]:
    """Each drawn case with its reference (sample first, then reserve by rank)."""
    for number, drawn in enumerate(selection.sample.cases, start=1):
        yield reference(number), drawn


def long_list_for_draw(data: bytes, *, file: str, parameters: DrawParameters) -> LongList:
    """Read the long list as ``pinspect sample`` does and make the checks that need no
    eligibility (:func:`~pinspect.sampling.check_before_selecting`); every problem is an
    :class:`InputError` naming the file, line and field."""
    stratification = Stratification.parse(parameters.strata)
    required = dict.fromkeys([*REQUIRED_COLUMNS, *stratification.required_columns])
    full_list = long_list_from_upload(
        data,
        file=file,
        mapping=ColumnMapping(parameters.mapping),
        required_columns=tuple(required),
    )
    check_before_selecting(full_list, sample_name=parameters.sample, size=parameters.size)
    return full_list


def _no_progress(_step: SelectionStep) -> None:
    return None


def select_from(
    full_list: LongList,
    parameters: DrawParameters,
    on_step: Callable[[SelectionStep], None] = _no_progress,
) -> Selection:
    """Eligibility, the draw and the analysis, as ``pinspect sample`` does them; a size that
    does not fit the eligible cases is an :class:`InputError`."""
    return select_sample(
        full_list,
        stratification=Stratification.parse(parameters.strata),
        sample_name=parameters.sample,
        today=parameters.today,
        window=parameters.window,
        size=parameters.size,
        seed=parameters.seed,
        settings=parameters.settings,
        on_step=on_step,
    )


def draw_from_upload(data: bytes, *, file: str, parameters: DrawParameters) -> Selection:
    """Read the long list and draw the sample as ``pinspect sample`` does; every problem is
    an :class:`InputError` naming the file, line and field."""
    return select_from(long_list_for_draw(data, file=file, parameters=parameters), parameters)


def case_attributes(long_list: LongList, drawn: DrawnCase) -> dict[str, str]:
    """The diversity attributes kept with a case (003 §3): sex and case type from the coded
    columns, the others where the long list has them, and the yes/no flags that with the case
    type say which prompts apply (003 Annexe A §3). Never an identifier."""
    case = drawn.case
    values = {name: long_list.value(case, name) for name in ATTRIBUTE_NAMES}
    values["sex"] = case.sex.value
    sentence = case.sentence_type
    if sentence is not None:
        values["case_type"] = case_type_for_sentence(sentence.is_post_custody).value
    for flag in FLAG_COLUMNS:
        if values.get(flag):  # checked yes or no when the long list was read
            values[flag] = "yes" if parse_flag(values[flag]) else "no"
    return {name: value for name, value in values.items() if value}


def key_rows(drawn: Selection) -> Iterator[list[str]]:
    """The sample key: header, then one row per drawn case."""
    yield list(KEY_COLUMNS)
    for ref, item in drawn_references(drawn):
        case = item.case
        rank = "" if item.reserve_rank is None else str(item.reserve_rank)
        yield [ref, case.crn, item.stratum, case.area, case.team, case.practitioner, rank]
