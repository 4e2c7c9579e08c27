"""The survey of people on probation: reading its two CSV files, and small-number suppression.

Seed 003 §5.6, §5.7: a short text survey to everyone supervised by the PDU; "The standard
questions we ask of people on probation will link directly to the relevant domain one prompts".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinspect.frameworks import bundled_catalogue
from pinspect.problems import InputError
from pinspect.survey import parse_survey, read_survey, shown_counts

FRAMEWORK = bundled_catalogue()["hmip-2023-pdu"]

QUESTIONS = (
    "id,text,options,prompts\n"
    'Q1,"How easy is it to get to your appointments?",Easy|Neither|Hard,P1.3.1.a\n'
    "Q2,Does your probation practitioner listen to you?,Yes|No,P1.2.1.a P1.3.1.b\n"
)
RESPONSES = "respondent,Q1,Q2\nr1,Easy,Yes\nr2,hard,yes\nr3,,No\nr4,Easy,\n"


def problems_of(
    error: pytest.ExceptionInfo[InputError],
) -> list[tuple[str | None, int | None, str | None]]:
    return [(p.file, p.line, p.field) for p in error.value.problems]


class TestReadingASurvey:
    """Seed 003 §5.7: questions link to domain one prompts; counts per response, in order."""

    def test_counts_each_response_in_the_order_offered(self) -> None:
        survey = parse_survey(QUESTIONS, RESPONSES, framework=FRAMEWORK)
        assert [q.id for q in survey] == ["Q1", "Q2"]
        assert list(survey[0].responses.items()) == [("Easy", 2), ("Neither", 0), ("Hard", 1)]
        assert dict(survey[1].responses) == {"Yes": 2, "No": 1}
        assert survey[1].prompts == ("P1.2.1.a", "P1.3.1.b")

    def test_reads_files_with_a_byte_order_mark(self, tmp_path: Path) -> None:
        questions = tmp_path / "q.csv"
        responses = tmp_path / "r.csv"
        questions.write_text("\ufeff" + QUESTIONS, encoding="utf-8")
        responses.write_text(RESPONSES, encoding="utf-8")
        survey = read_survey(questions, responses, framework=FRAMEWORK)
        assert survey[0].responses["Easy"] == 2

    def test_a_response_not_offered_names_file_line_and_question(self) -> None:
        with pytest.raises(InputError) as error:
            parse_survey(QUESTIONS, "Q1,Q2\nEasy,Yes\nSometimes,Yes\n", framework=FRAMEWORK)
        assert problems_of(error) == [("responses.csv", 3, "Q1")]
        assert "'Sometimes' is not a response to Q1" in str(error.value)

    def test_an_unknown_prompt_is_refused(self) -> None:
        questions = "id,text,options,prompts\nQ1,Text,Yes|No,P1.9.9.z\n"
        with pytest.raises(InputError) as error:
            parse_survey(questions, "Q1\nYes\n", framework=FRAMEWORK, questions_file="q.csv")
        assert problems_of(error) == [("q.csv", 2, "prompts")]
        assert "'P1.9.9.z' is not a prompt of hmip-2023-pdu" in str(error.value)

    def test_a_case_rated_prompt_is_refused(self) -> None:
        """Seed 003 §5.7: survey questions inform domain one prompts, not case prompts."""
        questions = "id,text,options,prompts\nQ1,Text,Yes|No,P2.1.1.a\n"
        with pytest.raises(InputError) as error:
            parse_survey(questions, "Q1\nYes\n", framework=FRAMEWORK)
        assert "not a judged (domain one) standard" in str(error.value)

    def test_every_problem_is_reported_at_once(self) -> None:
        questions = "id,text,options,prompts\nQ1,,Yes|No,\nQ1,Again,Yes,\n,Text,Yes|Yes,P1.1.1.a\n"
        with pytest.raises(InputError) as error:
            parse_survey(questions, "Q1\nYes\n", framework=FRAMEWORK)
        assert problems_of(error) == [
            ("questions.csv", 2, "text"),
            ("questions.csv", 3, "id"),
            ("questions.csv", 3, "options"),
            ("questions.csv", 4, "id"),
            ("questions.csv", 4, "options"),
        ]

    def test_header_problems_name_the_column(self) -> None:
        with pytest.raises(InputError) as error:
            parse_survey("id,text,options\nQ1,T,A|B\n", "Q1\nA\n", framework=FRAMEWORK)
        assert problems_of(error) == [("questions.csv", 1, "prompts")]
        with pytest.raises(InputError) as error:
            parse_survey(QUESTIONS, "Q1,Q3\nEasy,x\n", framework=FRAMEWORK)
        assert sorted(problems_of(error), key=str) == [
            ("responses.csv", 1, "Q2"),
            ("responses.csv", 1, "Q3"),
        ]

    def test_empty_files_are_refused(self) -> None:
        with pytest.raises(InputError, match="the file is empty"):
            parse_survey("", RESPONSES, framework=FRAMEWORK)
        with pytest.raises(InputError, match="no responses"):
            parse_survey(QUESTIONS, "Q1,Q2\n", framework=FRAMEWORK)


class TestSmallNumberSuppression:
    """Counts below ``suppress_below`` are shown as "fewer than N" (settings; seed 003 §5 sets
    no threshold, so the case sub-group one applies)."""

    def test_small_counts_are_hidden_with_the_total(self) -> None:
        shown = shown_counts([("Yes", 12), ("No", 3)], 5)
        assert shown.rows == (("Yes", "12"), ("No", "fewer than 5"))
        assert shown.total is None

    def test_nothing_hidden_when_every_count_is_large_enough(self) -> None:
        shown = shown_counts([("Yes", 12), ("No", 5)], 5)
        assert shown.rows == (("Yes", "12"), ("No", "5"))
        assert shown.total == 17

    @given(
        counts=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
        suppress_below=st.integers(min_value=1, max_value=20),
    )
    def test_no_count_below_the_threshold_is_ever_shown(
        self, counts: list[int], suppress_below: int
    ) -> None:
        shown = shown_counts([(f"option {i}", c) for i, c in enumerate(counts)], suppress_below)
        for (_, text), count in zip(shown.rows, counts, strict=True):
            if count < suppress_below:
                assert text == f"fewer than {suppress_below}"
            else:
                assert text == str(count)
        # a hidden count can never be recovered from the total
        assert (shown.total is None) == any(c < suppress_below for c in counts)
        if shown.total is not None:
            assert shown.total == sum(counts)


@given(
    answers=st.lists(
        st.tuples(st.sampled_from(["Yes", "no", "YES", ""]), st.sampled_from(["A", "b", ""])),
        min_size=1,
        max_size=40,
    )
)
def test_counts_add_up_to_the_non_blank_answers(answers: list[tuple[str, str]]) -> None:
    """Every non-blank cell is counted once, against its option whatever its case."""
    questions = "id,text,options,prompts\nQ1,One,Yes|No,P1.1.1.a\nQ2,Two,A|B,\n"
    rows = "\n".join(f"{a},{b}" for a, b in answers)
    if not any(a or b for a, b in answers):
        return
    survey = parse_survey(questions, "Q1,Q2\n" + rows + "\n", framework=FRAMEWORK)
    assert sum(survey[0].responses.values()) == sum(1 for a, _ in answers if a)
    assert survey[0].responses["Yes"] == sum(1 for a, _ in answers if a.lower() == "yes")
    assert sum(survey[1].responses.values()) == sum(1 for _, b in answers if b)
