"""The JSON shape of a drawn sample's parts: one serialiser per type.

``pinspect sample --format json`` and the web application's record of a draw (kept with the
draw, shown on the sample page) are both built from these, so a stratum or an analysis row
is written the same way everywhere. Nothing here writes a CRN or any other case content
except :func:`drawn_case_json`, which only the command line's own output uses.
"""

from __future__ import annotations

from typing import Any

from pinspect.sampling.analysis import AnalysisRow, BreakdownRow
from pinspect.sampling.draw import DrawnCase, StratumResult
from pinspect.sampling.selection import Selection

__all__ = [
    "analysis_record",
    "analysis_row_json",
    "breakdown_row_json",
    "drawn_case_json",
    "stratum_json",
]


def analysis_row_json(row: AnalysisRow) -> dict[str, Any]:
    """One stratum, area or team of the analysis (``area``/``team`` None above their level)."""
    return {
        "stratum": row.stratum,
        "area": row.area,
        "team": row.team,
        "population": row.population,
        "exact_quota": row.exact_quota,
        "quota": row.quota,
        "drawn": row.drawn,
        "original_percent": row.original_percent,
        "achieved_percent": row.achieved_percent,
    }


def stratum_json(stratum: StratumResult) -> dict[str, Any]:
    """One stratum of the draw: its quota of the sample and of the reserve, and the draws."""
    return {
        "name": stratum.name,
        "population": stratum.population,
        "quota": stratum.quota,
        "drawn": stratum.drawn,
        "shortfall": stratum.shortfall,
        "reserve_quota": stratum.reserve_quota,
        "reserve_drawn": stratum.reserve_drawn,
    }


def breakdown_row_json(row: BreakdownRow) -> dict[str, Any]:
    """One value of a column whose mix in the sample is compared with the long list's."""
    return {
        "value": row.value,
        "population": row.population,
        "drawn": row.drawn,
        "original_percent": row.original_percent,
        "achieved_percent": row.achieved_percent,
    }


def drawn_case_json(drawn: DrawnCase) -> dict[str, Any]:
    """A drawn case as the command line lists it (CRN included: the lead's own output)."""
    return {
        "crn": drawn.case.crn,
        "stratum": drawn.stratum,
        "area": drawn.case.area,
        "team": drawn.case.team,
        "practitioner": drawn.case.practitioner,
        "reserve": drawn.reserve_rank if drawn.reserve_rank is not None else False,
    }


def analysis_record(selection: Selection) -> dict[str, Any]:
    """The analysis of a draw as kept with it: groups and counts only, no case content.
    Each stratum row is the analysis row with the draw's shortfall and reserve figures."""
    strata = []
    for row, result in zip(selection.analysis.strata, selection.sample.strata, strict=True):
        stratum = stratum_json(result)
        strata.append(
            {
                **analysis_row_json(row),
                "shortfall": stratum["shortfall"],
                "reserve_quota": stratum["reserve_quota"],
                "reserve_drawn": stratum["reserve_drawn"],
            }
        )
    return {
        "size": selection.sample.size,
        "strata": strata,
        "areas": [analysis_row_json(row) for row in selection.analysis.areas],
        "teams": [analysis_row_json(row) for row in selection.analysis.teams],
        "shortfall": selection.analysis.shortfall,
        "reserve_shortfall": selection.analysis.reserve_shortfall,
        "other_samples": selection.other_samples,
    }
