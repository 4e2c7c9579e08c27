"""Strata: the groups a sample is made proportional across.

The default follows the inspectorate's practice: four strata of men by sentence (community
or post-custody) and RoSH (low or not low), and one of women. People recorded as neither
male nor female, or whose sex is not recorded, are **sampled, not excluded**: they form a
sixth stratum, ``other_or_not_recorded``, so they are represented in proportion to their
number (a stratum of 1% of the population gets about 1% of the sample). Folding them into
the women's or men's strata would instead misdescribe them, and dropping them would make
them invisible in the inspection.

A user may instead name long-list columns (``--strata ethnicity,sex``); a stratum is then
one combination of their values, and a blank value is its own group, ``not recorded``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pinspect.sampling.case import Case, Rosh, SentenceType, Sex
from pinspect.sampling.case_table import CaseView, Column, combined, first_of_each
from pinspect.sampling.mapping import normalise_column

__all__ = [
    "DEFAULT_STRATA",
    "NOT_RECORDED",
    "Stratification",
    "StratumClassifier",
    "stratum_label",
]

#: The default strata, in the order they are listed and drawn.
DEFAULT_STRATA: tuple[str, ...] = (
    "male_community_low",
    "male_community_non_low",
    "male_post_custody_low",
    "male_post_custody_non_low",
    "female",
    "other_or_not_recorded",
)

NOT_RECORDED = "not recorded"

_STRATUM_LABELS = {
    "male_community_low": "Male, community sentence, low RoSH",
    "male_community_non_low": "Male, community sentence, medium or higher RoSH",
    "male_post_custody_low": "Male, post-custody, low RoSH",
    "male_post_custody_non_low": "Male, post-custody, medium or higher RoSH",
    "female": "Female",
    "other_or_not_recorded": "Sex other or not recorded",
}


def stratum_label(stratum: str) -> str:
    """A stratum in words: a default stratum by its description, a combination of named
    columns (``ethnicity=White; sex=female``) as ``ethnicity White, sex female``."""
    if stratum in _STRATUM_LABELS:
        return _STRATUM_LABELS[stratum]
    if not stratum:
        return "No stratum"
    parts = [part.strip().replace("=", " ", 1).replace("_", " ") for part in stratum.split(";")]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


_MALE_STRATA: dict[tuple[SentenceType | None, Rosh | None], str] = {
    (sentence, rosh): (
        f"male_{'post_custody' if sentence.is_post_custody else 'community'}_"
        f"{'low' if rosh.is_low else 'non_low'}"
    )
    for sentence in SentenceType
    for rosh in Rosh
}


@dataclass(frozen=True)
class Stratification:
    """Either the default strata (``columns`` empty) or the combinations of named columns."""

    columns: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.columns

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Columns the long list must have for this stratification."""
        return ("sex", "sentence_type", "rosh") if self.is_default else self.columns

    def describe(self) -> str:
        return "default" if self.is_default else ",".join(self.columns)

    def classifier(self, long_list_columns: Sequence[str]) -> StratumClassifier:
        """Bind the stratification to a long list's columns."""
        indexes = tuple(list(long_list_columns).index(c) for c in self.columns)
        return StratumClassifier(self, indexes)

    @classmethod
    def parse(cls, text: str) -> Stratification:
        """``'default'`` or a comma-separated list of column names."""
        if text.strip().lower() in ("", "default"):
            return cls()
        columns = tuple(normalise_column(part) for part in text.split(",") if part.strip())
        return cls(columns)


@dataclass(frozen=True)
class StratumClassifier:
    """Puts each case in its stratum; :meth:`missing_field` says when that is impossible."""

    stratification: Stratification
    indexes: tuple[int, ...]

    @property
    def declared(self) -> tuple[str, ...]:
        """Strata listed even when empty, in order (the default ones; none for columns)."""
        return DEFAULT_STRATA if self.stratification.is_default else ()

    def missing_field(self, case: Case) -> str | None:
        """The blank field that stops this case being put in a default stratum, if any."""
        if case.sex is not Sex.MALE or self.indexes:
            return None
        if case.sentence_type is None:
            return "sentence_type"
        if case.rosh is None:
            return "rosh"
        return None

    def strata_column(self, cases: CaseView) -> Column:
        """The stratum of each case, worked out once per distinct combination of the
        fields that decide it."""
        table, rows = cases.table, cases.rows
        if self.stratification.is_default:
            parts = (table.sex, table.sentence_type, table.rosh)
            combination = combined(*(part.codes[rows] for part in parts))
            names = [
                _default_stratum(*(part.items[int(part.codes[row])] for part in parts))
                for row in rows[first_of_each(combination)].tolist()
            ]
        else:
            values = [table.values[i] for i in self.indexes]
            combination = combined(*(column.codes[rows] for column in values))
            names = [
                "; ".join(
                    f"{name}={column.items[int(column.codes[row])] or NOT_RECORDED}"
                    for name, column in zip(self.stratification.columns, values, strict=True)
                )
                for row in rows[first_of_each(combination)].tolist()
            ]
        return Column.of_objects(names).under(combination)

    def stratum(self, case: Case) -> str:
        """The case's stratum; call only for a case with no :meth:`missing_field`."""
        if not self.stratification.is_default:
            return "; ".join(
                f"{column}={case.values[i] or NOT_RECORDED}"
                for column, i in zip(self.stratification.columns, self.indexes, strict=True)
            )
        return _default_stratum(case.sex, case.sentence_type, case.rosh)


def _default_stratum(sex: Sex, sentence_type: SentenceType | None, rosh: Rosh | None) -> str:
    """The default stratum of a case of this sex, sentence type and RoSH."""
    if sex is Sex.FEMALE:
        return "female"
    if sex is not Sex.MALE:
        return "other_or_not_recorded"
    try:
        return _MALE_STRATA[(sentence_type, rosh)]
    except KeyError:
        raise ValueError("case has a missing stratification field") from None
