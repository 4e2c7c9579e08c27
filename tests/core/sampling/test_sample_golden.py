"""``pinspect sample`` prints and writes exactly what it did before the long-list reader,
eligibility and draw were made faster (issue 16).

Each run below is the command as a user types it (text output, ``--format json`` and
``--out`` CSV) on a long list made here: synthetic lists of 5,000 and 60,000 rows
(:mod:`pinspect.synthetic`: duplicates, redacted records, missing values, cases not yet
started), the pinned-sample list of ``test_pinned_sample`` (duplicates chained across CRN,
PNC and names; a multi-line value, so the ``csv`` module reads it; and its plain twin, read
by the columnar reader; and as a workbook), and a synthetic list with awkward text (lower
case CRNs, spaces around values, accented and non-ASCII names, a non-breaking space) so that
every path of case folding and stripping is crossed. ``golden_sample.json`` holds the
SHA-256 of every output, recorded from the implementation before the speed work, and the
text output of the smaller lists in full so a difference can be read.

Record afresh (only when the rules themselves change) with
``python -m tests.core.sampling.test_sample_golden``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from pinspect.cli import main
from pinspect.synthetic import synthetic_long_list, write_long_list_csv, write_synthetic_long_list
from tests.core.sampling.factories import TODAY
from tests.core.sampling.test_pinned_sample import _write_csv, pinned_rows

REFERENCE = Path(__file__).with_name("golden_sample.json")
_FULL_TEXT_BELOW = 2_000  # rows: the text output of smaller lists is kept in full


def _synthetic(rows: int, seed: int) -> Callable[[Path], Path]:
    def write(directory: Path) -> Path:
        path = directory / f"synthetic-{rows}-{seed}.csv"
        write_synthetic_long_list(path, rows, seed=seed, today=TODAY)
        return path

    return write


def _pinned(*, plain: bool) -> Callable[[Path], Path]:
    def write(directory: Path) -> Path:
        return _write_csv(directory / ("plain.csv" if plain else "pinned.csv"), plain=plain)

    return write


def _pinned_workbook(directory: Path) -> Path:
    rows = [{k: v for k, v in r.items() if k != "note"} for r in pinned_rows()]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(rows[0]))
    for record in rows:
        sheet.append(list(record.values()))
    path = directory / "pinned.xlsx"
    workbook.save(path)
    return path


_NAMES = ("Zoë", "Ådne", "Straße", "ﬁona", "İlkay", "Σοφία", "ǅemal", "Łucja", "Ĳsbrand")


def _awkward(directory: Path) -> Path:
    """5,000 synthetic rows with text that Python and C treat differently if done wrong."""
    rng = random.Random(99)
    rows = synthetic_long_list(5000, seed=5, today=TODAY)
    for i, record in enumerate(rows):
        if rng.random() < 0.05:
            record["crn"] = record["crn"].lower()
        if rng.random() < 0.05:
            record["crn"] = f" {record['crn']}\u00a0"
        if rng.random() < 0.05:
            record["pnc"] = record["pnc"].lower()
        if rng.random() < 0.08:
            record["first_name"] = rng.choice(_NAMES)
        if rng.random() < 0.05:
            record["family_name"] = record["family_name"].upper()
        if rng.random() < 0.03:
            record["team"] = f"  {record['team']} "
        if rng.random() < 0.02 and i:
            earlier = rows[rng.randrange(i)]
            record["first_name"] = earlier["first_name"].swapcase()
            record["family_name"] = earlier["family_name"]
            record["date_of_birth"] = earlier["date_of_birth"]
        if rng.random() < 0.01 and i:
            record["crn"] = rows[rng.randrange(i)]["crn"].strip().lower()
    path = directory / "awkward.csv"
    write_long_list_csv(rows, path)
    return path


LISTS: dict[str, tuple[Callable[[Path], Path], int]] = {
    "synthetic-5000": (_synthetic(5000, 3), 5000),
    "synthetic-60000": (_synthetic(60_000, 8), 60_000),
    "pinned": (_pinned(plain=False), 1500),
    "pinned-plain": (_pinned(plain=True), 1500),
    "pinned-xlsx": (_pinned_workbook, 1500),
    "awkward": (_awkward, 5000),
}

_COMMON = ("--today", TODAY.isoformat())
RUNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "synthetic-5000 default": ("synthetic-5000", ("--seed", "7")),
    "synthetic-5000 window": (
        "synthetic-5000",
        ("--seed", "11", "--window", "2023-06-01:2024-03-31", "--breakdown", "ethnicity,sex"),
    ),
    "synthetic-5000 columns": (
        "synthetic-5000",
        ("--seed", "3", "--strata", "sex,age_band", "--size", "150", "--reserve", "30"),
    ),
    "synthetic-60000 default": ("synthetic-60000", ("--seed", "20240601")),
    "synthetic-60000 cap": (
        "synthetic-60000",
        ("--seed", "5", "--max-per-practitioner", "2", "--window", ":2024-01-31"),
    ),
    "pinned default": ("pinned", ("--seed", "7", "--breakdown", "ethnicity")),
    "pinned window": (
        "pinned",
        ("--seed", "11", "--size", "175", "--window", "2023-06-01:2024-03-31"),
    ),
    "pinned-plain default": ("pinned-plain", ("--seed", "5", "--breakdown", "ethnicity")),
    "pinned-plain columns": ("pinned-plain", ("--seed", "3", "--strata", "sex,ethnicity")),
    "pinned-xlsx default": ("pinned-xlsx", ("--seed", "7")),
    "awkward default": ("awkward", ("--seed", "13", "--breakdown", "first_name")),
    "awkward columns": ("awkward", ("--seed", "17", "--strata", "team,sex")),
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def outputs(path: Path, options: tuple[str, ...], directory: Path) -> dict[str, Any]:
    """What a user sees of one run: the text, the JSON and the written CSV sample."""
    base = ("sample", str(path), *options, *_COMMON)
    status, text, err = _cli(*base)
    json_status, json_text, json_err = _cli(*base, "--format", "json")
    out = directory / "sample.csv"
    out_status, out_text, out_err = _cli(*base, "--format", "json", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as stream:
        written = stream.read()
    assert list(csv.reader(io.StringIO(written)))  # a CSV file with rows
    out.unlink()
    return {
        "status": [status, json_status, out_status],
        "stderr": _sha(err + json_err + out_err),
        "text": _sha(text),
        "json": _sha(json_text),
        "json_with_out": _sha(out_text),
        "out_csv": _sha(written),
        "full_text": text,
    }


def _expected(name: str) -> dict[str, Any]:
    reference: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return dict(reference[name])


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("golden")
    return {name: write(directory) for name, (write, _) in LISTS.items()}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_sample_outputs_unchanged(name: str, files: dict[str, Path], tmp_path: Path) -> None:
    """The same list, options and seed print and write byte for byte what they did before."""
    list_name, options = RUNS[name]
    expected = _expected(name)
    found = outputs(files[list_name], options, tmp_path)
    if "full_text" in expected:
        assert found["full_text"] == expected["full_text"]
    for key in ("status", "stderr", "text", "json", "json_with_out", "out_csv"):
        assert found[key] == expected[key], key


def test_golden_runs_cover_every_exclusion(files: dict[str, Path], tmp_path: Path) -> None:
    """The reference can fail: the lists hold every exclusion reason and draw real samples."""
    status, text, _ = _cli(
        "sample", str(files["synthetic-5000"]), "--seed", "1", "--format", "json", *_COMMON
    )
    assert status == 0
    report = json.loads(text)
    assert all(report["excluded"][k] for k in ("missing_value", "sensitive", "duplicate"))
    assert report["excluded"]["not_started"]
    assert len(report["cases"]) > 100


def record_reference(directory: Path) -> None:
    """Write ``golden_sample.json`` afresh."""
    paths = {name: write(directory) for name, (write, _) in LISTS.items()}
    reference: dict[str, Any] = {}
    for name, (list_name, options) in RUNS.items():
        found = outputs(paths[list_name], options, directory)
        if LISTS[list_name][1] >= _FULL_TEXT_BELOW:
            del found["full_text"]
        reference[name] = found
    REFERENCE.write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as temporary:
        record_reference(Path(temporary))
