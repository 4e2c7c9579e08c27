"""``pinspect rate`` and applicability (003 Annexe A §3): a yes or no to a prompt that does
not apply to its case is refused (exit 2, naming the case, the prompt and why); cases without
a case type are rated as before, with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.frameworks import bundled_catalogue
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inspection import rate_inspection
from pinspect.settings import Settings

CASES = "case_id,question,answer\nC1,2.4.1.a,yes\nC1,2.4.1,yes\nC2,2.4.1.a,no\nC2,2.4.1,no\n"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _rate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["rate", "--framework", "hmip-2021-pdu", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_post_custody_prompt_answered_for_a_community_case_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """003 Annexe A §3: 2.4.1 a) is for post-custody cases only; C1 is a community case."""
    cases = _write(tmp_path, "cases.csv", CASES)
    attributes = _write(
        tmp_path, "attributes.csv", "case_id,case_type\nC1,community\nC2,post_custody\n"
    )
    status, out, err = _rate(capsys, "--cases", cases, "--attributes", attributes)
    assert status == 2
    assert out == ""
    assert f"{cases}:2: answer: case 'C1' (a community case) answers 2.4.1.a 'yes'" in err
    assert "post-custody cases only, and this is a community case" in err
    assert "C2" not in err


def test_a_starred_prompt_answered_for_an_unpaid_work_only_case_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """003 Annexe A §3: 2.3.2 a) is a '*' prompt, not asked in unpaid-work-only cases."""
    cases = _write(tmp_path, "cases.csv", "case_id,question,answer\nC1,2.3.2.a,no\n")
    attributes = _write(
        tmp_path, "attributes.csv", "case_id,case_type,unpaid_work_only\nC1,community,yes\n"
    )
    status, _, err = _rate(capsys, "--cases", cases, "--attributes", attributes)
    assert status == 2
    assert "not asked in unpaid-work-only cases (prompts marked *)" in err


def test_not_applicable_to_a_prompt_that_does_not_apply_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _write(tmp_path, "cases.csv", "case_id,question,answer\nC1,2.4.1.a,n/a\nC1,2.4.1,yes\n")
    attributes = _write(tmp_path, "attributes.csv", "case_id,case_type\nC1,community\n")
    status, _, err = _rate(capsys, "--cases", cases, "--attributes", attributes)
    assert status == 0
    assert err == ""


def test_without_case_types_the_cases_are_rated_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """003 Annexe A §3 cannot be checked without the case type: rated as given, and said so."""
    cases = _write(tmp_path, "cases.csv", CASES)
    status, out, err = _rate(capsys, "--cases", cases)
    assert status == 0
    assert "2.4.1" in out
    assert err.startswith("pinspect: warning: applicability was not checked")


def test_a_framework_without_such_prompts_gives_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _write(tmp_path, "cases.csv", "case_id,question,answer\nC1,P2.1.1,yes\n")
    status = main(["rate", "--framework", "hmip-2023-pdu", "--cases", cases])
    _, err = capsys.readouterr()
    assert status == 0
    assert err == ""


def test_a_case_type_that_is_not_one_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _write(tmp_path, "cases.csv", CASES)
    attributes = _write(
        tmp_path,
        "attributes.csv",
        "case_id,case_type,no_rehabilitative_requirements\nC1,prison,no\nC2,community,perhaps\n",
    )
    status, _, err = _rate(capsys, "--cases", cases, "--attributes", attributes)
    assert status == 2
    assert f"{attributes}:2: case_type: 'prison' is not a case type" in err
    assert f"{attributes}:3: no_rehabilitative_requirements: 'perhaps' is not yes or no" in err


def test_cases_without_a_case_type_are_counted_in_the_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """003 Annexe A §3: C2 answers 2.4.1 but its case type is blank."""
    cases = _write(tmp_path, "cases.csv", CASES)
    attributes = _write(tmp_path, "attributes.csv", "case_id,case_type\nC1,post_custody\nC2,\n")
    status, _, err = _rate(capsys, "--cases", cases, "--attributes", attributes)
    assert status == 0
    assert "applicability was not checked for 1 of 2 cases answering key questions" in err


def test_a_table_with_an_unreadable_case_type_is_rated_as_unchecked() -> None:
    """003 Annexe A §3 needs a case type it can read; a table built elsewhere with another word
    (readers refuse it) is rated as if the type were not recorded, never half-rated."""
    catalogue = bundled_catalogue()
    table = AnswerTable.from_answers(
        [("C1", "2.4.1.a", Answer.YES), ("C1", "2.4.1", Answer.YES)],
        attributes={"case_type": {"C1": "licence"}},
    )
    result = rate_inspection(
        catalogue["hmip-2021-pdu"], table, catalogue=catalogue, settings=Settings()
    )
    assert result.standard("2.4").key_questions[0].yes == 1
