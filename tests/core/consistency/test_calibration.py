"""Calibration exercises: agreement with the reference and with peers (001 §4.13, §4.7).

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement". Seed 001 §4.7: "Yes/no judgements
at the key question level will be made by inspectors in each case, informed by the prompts".
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.consistency.calibration import (
    Exercise,
    ExerciseMarking,
    calibrate,
    exercise_result,
)
from pinspect.frameworks import bundled_catalogue
from pinspect.ratings.answer import Answer
from pinspect.settings import Settings

SETTINGS = Settings(agreement_bootstrap_draws=200)
FRAMEWORK = bundled_catalogue()["hmip-2023-pdu"]
KQ = FRAMEWORK.key_question("P2.1.1")
PROMPTS = tuple(p.id for p in KQ.prompts)
YES, NO, NA = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
REFERENCE = {**dict.fromkeys(PROMPTS, YES), "P2.1.1": YES}


def _marking(marker: str, day: int, changed: int = 0, judgement: Answer = YES) -> ExerciseMarking:
    """All prompts yes except the first ``changed``, answered no."""
    answers = {p: (NO if i < changed else YES) for i, p in enumerate(PROMPTS)}
    return ExerciseMarking(marker, date(2026, 1, day), {**answers, "P2.1.1": judgement})


def _exercise(*markings: ExerciseMarking, key: str = "E1") -> Exercise:
    return Exercise(key, f"Exercise {key}", REFERENCE, markings)


class TestAgreementWithTheReference:
    def test_prompts_agreeing_and_the_judgement_matched(self) -> None:
        result = exercise_result(FRAMEWORK, _exercise(_marking("ann", 1, changed=1)), SETTINGS)
        (question,) = result.questions
        (ann,) = question.markers
        assert (ann.prompts_agreeing, ann.prompts_compared) == (len(PROMPTS) - 1, len(PROMPTS))
        assert ann.with_reference == pytest.approx((len(PROMPTS) - 1) / len(PROMPTS))
        assert ann.judgement_matches is True
        assert (question.matched, question.judged) == (1, 1)

    def test_a_different_judgement_does_not_match_and_is_flagged_when_most_differ(self) -> None:
        exercise = _exercise(
            _marking("ann", 1, judgement=NO),
            _marking("bob", 2, judgement=NO),
            _marking("cat", 3),
        )
        (question,) = exercise_result(FRAMEWORK, exercise, SETTINGS).questions
        assert (question.matched, question.judged) == (1, 3)
        assert question.reference_flagged  # a third matched, under the 0.6 default

    def test_an_unanswered_prompt_is_not_compared(self) -> None:
        answers = dict.fromkeys(PROMPTS[1:], YES)
        marking = ExerciseMarking("ann", date(2026, 1, 1), answers)
        (question,) = exercise_result(FRAMEWORK, _exercise(marking), SETTINGS).questions
        (ann,) = question.markers
        assert ann.prompts_compared == len(PROMPTS) - 1
        assert ann.judgement_matches is None
        assert question.judged == 0

    def test_the_same_inspector_twice_is_refused(self) -> None:
        with pytest.raises(ValueError, match="twice"):
            _exercise(_marking("ann", 1), _marking("ann", 2))


class TestPeerAgreement:
    def test_one_marker_has_no_peers(self) -> None:
        result = exercise_result(FRAMEWORK, _exercise(_marking("ann", 1)), SETTINGS)
        assert result.peers is None
        assert result.questions[0].peers is None
        assert result.questions[0].markers[0].with_peers is None

    def test_two_markers_get_cohen_figures_three_get_alpha(self) -> None:
        two = exercise_result(
            FRAMEWORK, _exercise(_marking("ann", 1), _marking("bob", 2, changed=2)), SETTINGS
        )
        peers = two.questions[0].peers
        assert peers is not None
        assert peers.kappa_kind == "Cohen"
        assert peers.alpha is None
        assert peers.raw.value == pytest.approx((len(PROMPTS) + 1 - 2) / (len(PROMPTS) + 1))
        three = exercise_result(
            FRAMEWORK,
            _exercise(_marking("ann", 1), _marking("bob", 2, changed=2), _marking("cat", 3)),
            SETTINGS,
        )
        peers3 = three.questions[0].peers
        assert peers3 is not None
        assert peers3.kappa_kind == "Fleiss"
        assert peers3.alpha is not None

    def test_an_inspectors_own_figure_with_peers(self) -> None:
        result = exercise_result(
            FRAMEWORK, _exercise(_marking("ann", 1), _marking("bob", 2, changed=2)), SETTINGS
        )
        ann = result.questions[0].of("ann")
        assert ann is not None
        assert (ann.peer_agreeing, ann.peer_compared) == (len(PROMPTS) - 1, len(PROMPTS) + 1)

    def test_low_peer_agreement_is_flagged_by_the_setting(self) -> None:
        markings = (_marking("ann", 1), _marking("bob", 2, changed=len(PROMPTS), judgement=NO))
        result = exercise_result(FRAMEWORK, _exercise(*markings), SETTINGS)
        assert result.questions[0].peers_flagged
        lenient = Settings(agreement_bootstrap_draws=200, agreement_flag_below=-1)
        assert not exercise_result(FRAMEWORK, _exercise(*markings), lenient).peers_flagged


class TestOverTime:
    def test_series_follow_the_date_each_inspector_marked(self) -> None:
        first = _exercise(_marking("ann", 20, changed=2), key="E1")
        second = _exercise(_marking("ann", 5), _marking("bob", 6), key="E2")
        calibration = calibrate(FRAMEWORK, [first, second], SETTINGS)
        assert calibration.markers == ("ann", "bob")
        pooled, per_question = calibration.series_of("ann")
        assert pooled.question is None
        assert per_question.question == "P2.1.1"
        assert [p.exercise for p in pooled.points] == ["E2", "E1"]
        assert [p.with_reference for p in per_question.points] == pytest.approx(
            [1.0, (len(PROMPTS) - 2) / len(PROMPTS)]
        )
        assert [p.with_peers for p in pooled.points] == [1.0, None]


MARKS = st.sampled_from([YES, NO, NA])


@settings(max_examples=40, deadline=None)
@given(
    reference=st.lists(MARKS, min_size=len(PROMPTS) + 1, max_size=len(PROMPTS) + 1),
    marked=st.lists(
        st.lists(MARKS, min_size=len(PROMPTS) + 1, max_size=len(PROMPTS) + 1),
        min_size=1,
        max_size=4,
    ),
)
def test_agreement_is_a_share_and_perfect_for_a_copy_of_the_reference(
    reference: list[Answer], marked: list[list[Answer]]
) -> None:
    """Every share lies in [0, 1]; an inspector who copies the reference agrees fully; the
    count of matched judgements never exceeds the inspectors judged."""
    ids = (*PROMPTS, "P2.1.1")
    agreed = dict(zip(ids, reference, strict=True))
    markings = [
        ExerciseMarking(f"m{i}", date(2026, 1, 1), dict(zip(ids, answers, strict=True)))
        for i, answers in enumerate(marked)
    ]
    markings.append(ExerciseMarking("copy", date(2026, 1, 2), dict(agreed)))
    (question,) = exercise_result(
        FRAMEWORK, Exercise("E", "E", agreed, tuple(markings)), SETTINGS
    ).questions
    for marker in question.markers:
        for value in (marker.with_reference, marker.with_peers):
            assert value is None or 0 <= value <= 1
    copy = question.of("copy")
    assert copy is not None
    assert copy.with_reference == 1
    assert copy.judgement_matches is True
    assert question.matched <= question.judged == len(markings)
