"""Property tests of applicability (003 Annexe A §3): for any kind of case, the prompts
offered are exactly those that apply, and the engine refuses a yes or no to any other.

Seed 003 Annexe A §3: "Prompts marked * do not apply in unpaid work only cases, or other cases
with no rehabilitative requirements"; prompts that begin "Post-custody cases only" apply to
post-custody cases. The oracle here reads those two marks from the prompt's own words and
marker, not from the framework's ``applies_to``, so the rule and its data are checked together.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.applicability import CaseKind, not_asked
from pinspect.frameworks.model import CaseType, Framework, Prompt
from pinspect.problems import InputError
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inspection import rate_inspection
from pinspect.settings import Settings

KINDS = st.builds(
    CaseKind,
    case_type=st.sampled_from([CaseType.COMMUNITY, CaseType.POST_CUSTODY]),
    unpaid_work_only=st.booleans(),
    no_rehabilitative_requirements=st.booleans(),
)
FRAMEWORKS = ("hmip-2018-crc", "hmip-2018-nps", "hmip-2021-pdu", "hmip-2023-pdu")


def _framework(framework_id: str) -> Framework:
    return bundled_catalogue()[framework_id]


def _applies_by_the_seed_words(prompt: Prompt, kind: CaseKind) -> bool:
    """003 Annexe A §3 as printed: '*' prompts not in unpaid-work-only cases or cases with no
    rehabilitative requirements; "Post-custody cases only" prompts only in post-custody cases."""
    starred = prompt.marker == "*"
    if starred and (kind.unpaid_work_only or kind.no_rehabilitative_requirements):
        return False
    post_custody_only = prompt.text.startswith("Post-custody cases only")
    return not (post_custody_only and kind.case_type is not CaseType.POST_CUSTODY)


def _case_prompts(framework: Framework) -> list[Prompt]:
    return [
        p
        for s in framework.standards
        if s.rated_by.value == "cases"
        for kq in s.key_questions
        for p in kq.prompts
    ]


class TestOfferedPromptsAreThoseThatApply:
    """003 Annexe A §3: for any case type, the prompts offered are exactly those that apply."""

    @pytest.mark.parametrize("framework_id", FRAMEWORKS)
    @given(kind=KINDS)
    @settings(max_examples=40, deadline=None)
    def test_offered_is_what_applies(self, framework_id: str, kind: CaseKind) -> None:
        framework = _framework(framework_id)
        refused = not_asked(framework, kind)
        for prompt in _case_prompts(framework):
            assert (prompt.id not in refused) == _applies_by_the_seed_words(prompt, kind)


class TestTheEngineRefusesAnswersToPromptsThatDoNotApply:
    """003 Annexe A §3: rating refuses a yes or no to a prompt that does not apply to its case
    (naming the case, the prompt and why) and accepts one to every prompt that applies."""

    @given(kind=KINDS, answer=st.sampled_from([Answer.YES, Answer.NO]))
    @settings(max_examples=30, deadline=None)
    def test_refused_exactly_where_not_applying(self, kind: CaseKind, answer: Answer) -> None:
        framework = _framework("hmip-2021-pdu")
        prompts = [p for p in _case_prompts(framework) if p.id.startswith("2.4")]
        attributes = {
            "case_type": {"C1": kind.case_type.value},
            "unpaid_work_only": {"C1": "yes" if kind.unpaid_work_only else "no"},
            "no_rehabilitative_requirements": {
                "C1": "yes" if kind.no_rehabilitative_requirements else "no"
            },
        }
        table = AnswerTable.from_answers(
            [("C1", p.id, answer) for p in prompts], attributes=attributes
        )
        expected = {p.id for p in prompts if not _applies_by_the_seed_words(p, kind)}
        if not expected:
            rate_inspection(framework, table, catalogue=bundled_catalogue(), settings=Settings())
            return
        with pytest.raises(InputError) as raised:
            rate_inspection(framework, table, catalogue=bundled_catalogue(), settings=Settings())
        named = {
            p.id
            for p in prompts
            for problem in raised.value.problems
            if f"answers {p.id} " in problem.message
        }
        assert named == expected
        assert all("'C1'" in problem.message for problem in raised.value.problems)
        assert all("does not apply" in problem.message for problem in raised.value.problems)

    @given(kind=KINDS)
    @settings(max_examples=20, deadline=None)
    def test_not_applicable_is_always_accepted(self, kind: CaseKind) -> None:
        framework = _framework("hmip-2021-pdu")
        prompts = [p for p in _case_prompts(framework) if not p.applicability.is_universal]
        table = AnswerTable.from_answers(
            [("C1", p.id, Answer.NOT_APPLICABLE) for p in prompts],
            attributes={"case_type": {"C1": kind.case_type.value}},
        )
        rate_inspection(framework, table, catalogue=bundled_catalogue(), settings=Settings())
