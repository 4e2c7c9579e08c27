"""The synthetic long list: reproducible, realistic in mix, fictional."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pinspect.sampling import Sex, read_long_list
from pinspect.synthetic import SYNTHETIC_COLUMNS, synthetic_long_list, write_long_list_csv
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
