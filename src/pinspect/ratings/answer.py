"""The answers an inspector gives for a case, as integer codes.

Seed 001 §4.7: "Yes/no judgements at the key question level will be made by inspectors in each
case, informed by the prompts." A prompt or key question that does not apply to a case is
answered "not applicable" and counts neither way. Seed 003 §4.2: outcomes are judged "along
the lines of met/part met/not met for outcomes in individual cases"; seed 003 §4.11: stability
is sufficient progress "in exceptional and defensible circumstances with evidence of planning
towards progress", answered "met through stability" and counted as met, and apart.
"""

from __future__ import annotations

from enum import IntEnum

from pinspect.frameworks.model import AnswerScale

__all__ = ["ANSWER_CODES", "Answer"]


class Answer(IntEnum):
    """One answer to one question for one case; the value is its code in an answer table."""

    YES = 0
    NO = 1
    NOT_APPLICABLE = 2
    MET = 3
    PART_MET = 4
    NOT_MET = 5
    MET_THROUGH_STABILITY = 6

    @property
    def word(self) -> str:
        """The answer as data files and reports write it."""
        return _WORDS[self]

    def fits(self, scale: AnswerScale) -> bool:
        """Whether this answer may be given on ``scale`` (n/a fits every answered scale)."""
        if self is Answer.NOT_APPLICABLE:
            return scale is not AnswerScale.OPEN
        if scale is AnswerScale.YES_NO:
            return self in (Answer.YES, Answer.NO)
        if scale is AnswerScale.OUTCOME:
            return self in (
                Answer.MET,
                Answer.PART_MET,
                Answer.NOT_MET,
                Answer.MET_THROUGH_STABILITY,
            )
        return False

    @classmethod
    def parse(cls, text: str) -> Answer:
        """Read an answer word, case-insensitive: yes/y, no/n, n/a/na, met, part met, not met,
        met through stability (also stability)."""
        wanted = " ".join(text.replace("_", " ").split()).lower()
        found = _SPELLINGS.get(wanted)
        if found is None:
            raise ValueError(
                f"{text!r} is not an answer; expected yes, no or n/a "
                "(outcomes: met, part met, not met or met through stability)"
            )
        return found


ANSWER_CODES = len(Answer)

_WORDS = {
    Answer.YES: "yes",
    Answer.NO: "no",
    Answer.NOT_APPLICABLE: "n/a",
    Answer.MET: "met",
    Answer.PART_MET: "part met",
    Answer.NOT_MET: "not met",
    Answer.MET_THROUGH_STABILITY: "met through stability",
}

_SPELLINGS = {
    "yes": Answer.YES,
    "y": Answer.YES,
    "no": Answer.NO,
    "n": Answer.NO,
    "n/a": Answer.NOT_APPLICABLE,
    "na": Answer.NOT_APPLICABLE,
    "not applicable": Answer.NOT_APPLICABLE,
    "met": Answer.MET,
    "part met": Answer.PART_MET,
    "part-met": Answer.PART_MET,
    "partly met": Answer.PART_MET,
    "partly-met": Answer.PART_MET,
    "not met": Answer.NOT_MET,
    "not-met": Answer.NOT_MET,
    "met through stability": Answer.MET_THROUGH_STABILITY,
    "stability": Answer.MET_THROUGH_STABILITY,
    "sufficient progress through stability": Answer.MET_THROUGH_STABILITY,
}
