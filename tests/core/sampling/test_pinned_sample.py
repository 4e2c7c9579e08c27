"""The same long list, settings and seed give exactly the same sample, reserve and analysis.

docs/sampling.md, *Reproducibility*. Faster code must not change a single drawn case: the
results below were recorded from the implementation before any speed work
(``pinned_sample.json``) and every later version must reproduce them exactly — sample and
reserve cases with their strata and ranks, quotas, team shares, every exclusion with its
line, reason and field, and the analysis. Seed 001 §4.12 sizes the sample; eligibility,
allocation and draw are the rules of docs/sampling.md.

The long list is made here, by its own seeded generator (not :mod:`pinspect.synthetic`, so a
change there cannot move the reference): few names, dates of birth, PNCs and practitioners,
so that duplicates chain transitively across CRN, PNC and name keys, the practitioner cap
binds, and every exclusion reason, code spelling and date format occurs.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pinspect.sampling import (
    REQUIRED_COLUMNS,
    InspectionWindow,
    Stratification,
    analyse,
    assess_eligibility,
    breakdown,
    draw_sample,
    long_list_from_records,
    read_long_list,
    required_sample_size,
)
from pinspect.sampling.serialisation import analysis_row_json
from pinspect.settings import Settings

TODAY = date(2024, 6, 1)
REFERENCE = Path(__file__).with_name("pinned_sample.json")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date_text(rng: random.Random, day: date) -> str:
    """One date in one of the accepted spellings."""
    style = rng.randrange(7)
    if style == 0:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == 1:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if style == 2:
        return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"
    if style == 3:
        return f"{day.isoformat()} 00:00:00"
    if style == 4:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return day.isoformat()


def pinned_rows(n: int = 1500, seed: int = 4) -> list[dict[str, str]]:
    """``n`` fictional rows with many collisions (see module docstring)."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for i in range(n):
        crn = f"Z{rng.randrange(100_000, 1_000_000)}"
        if rng.random() < 0.004:
            crn = ""
        elif rng.random() < 0.004:
            crn += "*"
        born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        start = date.fromordinal(TODAY.toordinal() - rng.randrange(-40, 900))
        end = date.fromordinal(start.toordinal() + rng.randrange(30, 800))
        row = {
            "crn": crn,
            "pnc": "" if rng.random() < 0.6 else f"1900/{rng.randrange(10**6):06d}A",
            "first_name": rng.choice(["Ann", "Bo", "Cy", "Dee", "Eli", "Fay", "Gil", "Hal"]),
            "family_name": rng.choice(["Ash", "Birch", "Cedar", "Dunn", "Elm", "Fir", "Gorse"]),
            "date_of_birth": _date_text(rng, born),
            "sex": rng.choice(
                ["M"] * 12 + ["Male", "male ", "F", "F", "Female", "woman", "", "X", "Not known"]
            ),
            "sentence_type": rng.choice(
                ["CO", "co", "SSO", "Community Order", "LIC", "Licence", "PSS", "ORA PSS", ""]
                + ["CO", "LIC"] * 6
            ),
            "rosh": rng.choice(["RLRH", "RMRH", "RHRH", "RVRH", "low", "Medium", "H"] * 7 + [""]),
            "start_date": "" if rng.random() < 0.005 else _date_text(rng, start),
            "end_date": "" if rng.random() < 0.1 else _date_text(rng, end),
            "area": "" if rng.random() < 0.003 else rng.choice(["North", "South", "East"]),
            "team": f" T{rng.randrange(4)} ",
            "practitioner": "" if rng.random() < 0.003 else f"P{rng.randrange(5)}",
            "sensitive": rng.choice(["no", "Y", "yes", "", "1"]) if rng.random() < 0.02 else "",
            "ethnicity": rng.choice(["White", "White", "Black", "Asian", "Mixed", ""]),
            "note": "two\nlines" if i % 97 == 0 else "",
        }
        if rows and rng.random() < 0.12:  # another record of an earlier person, by one key
            earlier = rng.choice(rows)
            key = rng.randrange(3)
            if key == 0:
                row["crn"] = earlier["crn"].lower() if rng.random() < 0.5 else earlier["crn"]
            elif key == 1:
                row["pnc"] = earlier["pnc"]
            else:
                row["first_name"] = earlier["first_name"].upper()
                row["family_name"] = earlier["family_name"]
                row["date_of_birth"] = earlier["date_of_birth"]
                if rng.random() < 0.5:
                    row["start_date"] = earlier["start_date"]
        if rng.random() < 0.004:
            row["first_name"] = "***"
        rows.append(row)
    return rows


def _write_csv(path: Path, *, plain: bool = False) -> Path:
    """The rows as CSV: ``plain`` drops the multi-line note (so no value is quoted) and ends
    lines with ``\\n`` instead of ``\\r\\n``."""
    rows = pinned_rows()
    if plain:
        rows = [{k: v for k, v in r.items() if k != "note"} for r in rows]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(
            stream, fieldnames=list(rows[0]), lineterminator="\n" if plain else "\r\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    return path


SCENARIOS: dict[str, dict[str, Any]] = {
    "default": {"strata": "default", "seed": 7, "size": None, "window": None},
    "window_cap_reserve": {
        "strata": "default",
        "seed": 11,
        "size": 175,
        "window": "2023-06-01:2024-03-31",
        "max_per_practitioner": 3,
        "reserve_percent": 35,
    },
    "columns": {"strata": "sex,ethnicity", "seed": 3, "size": None, "window": None},
    "plain_file": {"strata": "default", "seed": 5, "size": None, "window": None, "plain": True},
}


def outcome(path: Path, scenario: dict[str, Any]) -> dict[str, Any]:
    """Everything a user sees of one run, as plain JSON values."""
    stratification = Stratification.parse(scenario["strata"])
    long_list = read_long_list(
        path, required_columns=(*REQUIRED_COLUMNS, *stratification.required_columns)
    )
    classifier = stratification.classifier(long_list.columns)
    window = InspectionWindow.parse(scenario["window"]) if scenario["window"] else None
    eligibility = assess_eligibility(long_list.cases, classifier, today=TODAY, window=window)
    settings = Settings(
        confidence_level=0.8,
        margin_of_error=0.05,
        max_per_practitioner=scenario.get("max_per_practitioner", 6),
        reserve_percent=scenario.get("reserve_percent", 20),
    )
    size = scenario["size"] or required_sample_size(
        len(eligibility.eligible),
        confidence_level=settings.confidence_level,
        margin_of_error=settings.margin_of_error,
    )
    sample = draw_sample(
        eligibility.eligible, classifier, size, seed=scenario["seed"], settings=settings
    )
    analysis = analyse(sample, eligibility)
    return {
        "eligible": [c.line for c in eligibility.eligible],
        "exclusions": [[e.case.line, e.reason.value, e.field] for e in eligibility.exclusions],
        "counts": eligibility.counts(),
        "size": size,
        "cases": [[c.case.line, c.case.crn, c.stratum, c.reserve_rank] for c in sample.cases],
        "strata": [
            [s.name, s.population, s.quota, s.drawn, s.reserve_quota, s.reserve_drawn]
            for s in sample.strata
        ],
        "teams": [
            [t.stratum, t.area, t.team, t.population, t.quota, t.drawn, t.reserve]
            for t in sample.teams
        ],
        "analysis": {
            "strata": [analysis_row_json(r) for r in analysis.strata],
            "areas": [analysis_row_json(r) for r in analysis.areas],
            "teams": [analysis_row_json(r) for r in analysis.teams],
            "excluded": analysis.excluded,
            "shortfall": analysis.shortfall,
            "reserve_shortfall": analysis.reserve_shortfall,
        },
        "breakdown": [
            [r.value, r.population, r.drawn, r.original_percent, r.achieved_percent]
            for r in breakdown(long_list, eligibility, sample, "ethnicity")
        ],
    }


def record_reference(directory: Path) -> None:
    """Write ``pinned_sample.json`` afresh (only when the rules themselves change)."""
    files = {
        False: _write_csv(directory / "pinned.csv"),
        True: _write_csv(directory / "plain.csv", plain=True),
    }
    results = {
        name: outcome(files[scenario.get("plain", False)], scenario)
        for name, scenario in SCENARIOS.items()
    }
    REFERENCE.write_text(_dump(results) + "\n", encoding="utf-8")


def _dump(value: object, depth: int = 0) -> str:
    """JSON with one list item a line (readable diffs), each item compact."""
    pad = " " * depth
    if isinstance(value, dict) and depth < 4:
        items = [f"{pad} {json.dumps(k)}: {_dump(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and isinstance(value[0], list | dict) and depth < 4:
        items = [f"{pad} {json.dumps(v)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value)


@pytest.fixture(scope="module")
def long_list_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_csv(tmp_path_factory.mktemp("pinned") / "pinned.csv")


@pytest.fixture(scope="module")
def plain_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_csv(tmp_path_factory.mktemp("pinned") / "plain.csv", plain=True)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_sample_matches_pinned_reference(name: str, long_list_csv: Path, plain_csv: Path) -> None:
    """Same long list, settings and seed: exactly the recorded sample, reserve and analysis."""
    expected = json.loads(REFERENCE.read_text(encoding="utf-8"))[name]
    path = plain_csv if SCENARIOS[name].get("plain") else long_list_csv
    found = json.loads(json.dumps(outcome(path, SCENARIOS[name])))
    for key in expected:
        assert found[key] == expected[key], key
    assert found.keys() == expected.keys()


def test_reference_covers_every_rule() -> None:
    """The reference can fail: it holds every exclusion reason, a shortfall under the
    practitioner cap, a reserve and cases from several strata."""
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    for name in ("default", "window_cap_reserve"):
        counts = reference[name]["counts"]
        assert all(counts[reason] for reason in ("missing_value", "sensitive", "not_started"))
        assert counts["duplicate"]
    assert reference["window_cap_reserve"]["counts"]["outside_window"]
    assert reference["window_cap_reserve"]["analysis"]["shortfall"] > 0
    for scenario in reference.values():
        assert any(rank is not None for *_, rank in scenario["cases"])
        assert len({stratum for _, _, stratum, _ in scenario["cases"]}) > 3


def test_records_and_file_give_the_same_cases(long_list_csv: Path) -> None:
    """Reading the file and building from records give the same parsed cases (the multi-line
    note shifts line numbers in the file only; a file's raw values keep their spaces)."""
    required = (*REQUIRED_COLUMNS, *Stratification().required_columns)
    from_file = read_long_list(long_list_csv, required_columns=required)
    from_records = long_list_from_records(pinned_rows(), required_columns=required)
    assert [c[1:-1] for c in from_file.cases] == [c[1:-1] for c in from_records.cases]
    assert from_file.cases[-1].line > from_records.cases[-1].line
