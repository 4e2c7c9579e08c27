"""The synthetic long list: reproducible, realistic in mix, fictional."""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter
from pathlib import Path

from pinspect.sampling import Sex, read_long_list
from pinspect.synthetic import (
    SIX_DIGIT_LIMIT,
    SYNTHETIC_COLUMNS,
    _Crns,
    synthetic_long_list,
    write_long_list_csv,
    write_synthetic_long_list,
)
from tests.core.sampling.factories import TODAY


def test_reproducible_and_shaped() -> None:
    rows = synthetic_long_list(5000, seed=1, today=TODAY)
    assert rows == synthetic_long_list(5000, seed=1, today=TODAY)
    assert rows != synthetic_long_list(5000, seed=2, today=TODAY)
    assert len(rows) == 5000
    assert tuple(rows[0]) == SYNTHETIC_COLUMNS
    assert all(r["crn"].startswith("Z") for r in rows)
    assert 3 <= len({r["area"] for r in rows}) <= 5


def test_mix(tmp_path: Path) -> None:
    path = tmp_path / "ll.csv"
    write_long_list_csv(synthetic_long_list(5000, seed=4, today=TODAY), path)
    ll = read_long_list(path)
    sexes = Counter(c.sex for c in ll.cases)
    assert 0.82 < sexes[Sex.MALE] / 5000 < 0.88
    assert 0.11 < sexes[Sex.FEMALE] / 5000 < 0.17
    assert 0 < sexes[Sex.OTHER] + sexes[Sex.NOT_RECORDED] < 0.03 * 5000
    caseloads = Counter(c.practitioner_key for c in ll.cases)
    assert max(caseloads.values()) <= 65  # 30–60, plus the odd duplicate record
    assert any(c.sensitive for c in ll.cases)
    assert any(c.start_date is not None and c.start_date > TODAY for c in ll.cases)
    assert len({c.pnc for c in ll.cases if c.pnc}) < sum(1 for c in ll.cases if c.pnc)


def test_streamed_file_is_the_list_written_at_once(tmp_path: Path) -> None:
    """Written row by row, the file is the one the list of rows gives (so lists of every
    earlier size, and the samples drawn from them, are unchanged)."""
    streamed, at_once = tmp_path / "streamed.csv", tmp_path / "at_once.csv"
    write_synthetic_long_list(streamed, 3000, seed=11, today=TODAY)
    write_long_list_csv(synthetic_long_list(3000, seed=11, today=TODAY), at_once)
    assert streamed.read_bytes() == at_once.read_bytes()


def test_crns_stay_distinct_past_the_six_digit_limit() -> None:
    """Above 900,000 rows the six-digit CRNs run out (the list could not be made): there
    CRNs have seven digits, every one distinct, duplicates' new CRNs included."""
    rows = SIX_DIGIT_LIMIT + 1
    people = rows - rows // 200
    crns = _Crns(rows, people, random.Random(3))
    numbers = [crns.person(k) for k in range(people)]
    numbers += [crns.another(random.Random(4)) for _ in range(rows - people)]
    texts = {crns.text(number) for number in numbers}
    assert len(texts) == rows
    assert all(len(text) == 8 and text.startswith("Z") and text[1:].isdigit() for text in texts)


def test_memory_grows_by_a_few_hundred_bytes_a_row(tmp_path: Path) -> None:
    """Two million rows fit in memory: each record takes a couple of hundred bytes until
    written, where the rows as dictionaries of text take about 900."""

    def peak(rows: int) -> int:
        tracemalloc.start()
        try:
            write_synthetic_long_list(tmp_path / f"{rows}.csv", rows, seed=5, today=TODAY)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert (peak(8_000) - peak(4_000)) / 4_000 < 300
