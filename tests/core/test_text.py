"""The text rules at pinspect's edges (pinspect.text): what may be stored, what is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinspect.text import spreadsheet_text, text_problem


class TestTextThatCannotBeStored:
    def test_a_nul_character_is_refused_with_its_position(self) -> None:
        assert text_problem("ab\x00c") == (
            "contains a NUL character (at position 3), which cannot be stored"
        )

    def test_an_unpaired_surrogate_is_refused(self) -> None:
        problem = text_problem("note \ud83d end")
        assert problem is not None
        assert "U+D83D" in problem
        assert "position 6" in problem

    def test_text_longer_than_its_field_is_refused(self) -> None:
        assert text_problem("x" * 201, max_length=200) == (
            "is 201 characters long; at most 200 are allowed"
        )
        assert text_problem("x" * 200, max_length=200) is None

    def test_the_message_never_repeats_the_text(self) -> None:
        secret = "CRN X123456 \x00 lives at"
        problem = text_problem(secret)
        assert problem is not None
        assert "X123456" not in problem

    @given(st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00")))
    def test_ordinary_text_of_any_script_is_stored(self, value: str) -> None:
        assert text_problem(value) is None


class TestFormulaInjection:
    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_a_cell_that_could_be_a_formula_is_written_as_text(self, start: str) -> None:
        assert spreadsheet_text(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"

    def test_other_text_is_unchanged(self) -> None:
        assert spreadsheet_text("Good") == "Good"
        assert spreadsheet_text("") == ""
