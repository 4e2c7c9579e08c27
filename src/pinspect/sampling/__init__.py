"""Case sampling: from a long list to a stratified random sample and a ranked reserve.

Seed 001 §4.12: the case sample is sized for an 80% confidence level. The pipeline::

    long_list = read_long_list(path, mapping=..., required_columns=...)
    selection = select_sample(
        long_list, stratification=Stratification(), sample_name="supervision", today=today,
        window=window, size=None, seed=seed, settings=settings,
    )

:func:`select_sample` runs eligibility, sizing, the draw and the analysis in that order.

See docs/sampling.md for the method and the reasons for each choice.
"""

from pinspect.sampling.allocation import (
    capped_largest_remainder,
    extend_by_largest_deficit,
    largest_remainder,
)
from pinspect.sampling.analysis import Analysis, AnalysisRow, BreakdownRow, analyse, breakdown
from pinspect.sampling.case import Case, Rosh, SentenceType, Sex
from pinspect.sampling.draw import DrawnCase, Sample, StratumResult, TeamResult, draw_sample
from pinspect.sampling.eligibility import (
    Eligibility,
    Exclusion,
    ExclusionReason,
    InspectionWindow,
    assess_eligibility,
)
from pinspect.sampling.export import check_sample_path, sample_rows, write_sample
from pinspect.sampling.longlist import (
    DEFAULT_COLUMNS,
    REQUIRED_COLUMNS,
    LongList,
    long_list_from_records,
    long_list_from_rows,
    parse_long_list,
    read_long_list,
)
from pinspect.sampling.mapping import ColumnMapping, load_column_mapping, parse_column_mapping
from pinspect.sampling.selection import (
    Selection,
    SelectionStep,
    check_before_selecting,
    select_sample,
)
from pinspect.sampling.size import required_sample_size, reserve_size, z_score
from pinspect.sampling.strata import DEFAULT_STRATA, Stratification, StratumClassifier

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_STRATA",
    "REQUIRED_COLUMNS",
    "Analysis",
    "AnalysisRow",
    "BreakdownRow",
    "Case",
    "ColumnMapping",
    "DrawnCase",
    "Eligibility",
    "Exclusion",
    "ExclusionReason",
    "InspectionWindow",
    "LongList",
    "Rosh",
    "Sample",
    "Selection",
    "SelectionStep",
    "SentenceType",
    "Sex",
    "Stratification",
    "StratumClassifier",
    "StratumResult",
    "TeamResult",
    "analyse",
    "assess_eligibility",
    "breakdown",
    "capped_largest_remainder",
    "check_before_selecting",
    "check_sample_path",
    "draw_sample",
    "extend_by_largest_deficit",
    "largest_remainder",
    "load_column_mapping",
    "long_list_from_records",
    "long_list_from_rows",
    "parse_column_mapping",
    "parse_long_list",
    "read_long_list",
    "required_sample_size",
    "reserve_size",
    "sample_rows",
    "select_sample",
    "write_sample",
    "z_score",
]
