"""The bundled crosswalks: they validate, cover both sides, and agree with the frameworks."""

from __future__ import annotations

import re

import pytest

from pinspect.crosswalks import CrosswalkCatalogue, Level, Relationship
from pinspect.frameworks import Catalogue

BUNDLED = {
    "hmip-2018-nps--hmip-2021-pdu": ("hmip-2018-nps", "hmip-2021-pdu"),
    "hmip-2018-crc--hmip-2021-pdu": ("hmip-2018-crc", "hmip-2021-pdu"),
    "hmip-2021-pdu--hmip-2023-pdu": ("hmip-2021-pdu", "hmip-2023-pdu"),
    "hmip-2021-region--hmip-2023-region": ("hmip-2021-region", "hmip-2023-region"),
    "hmip-2023-pdu--hmip-2023-region": ("hmip-2023-pdu", "hmip-2023-region"),
}


def test_the_bundled_crosswalks_validate(crosswalks: CrosswalkCatalogue) -> None:
    assert {
        cid: (c.from_edition.framework, c.to_edition.framework) for cid, c in crosswalks.items()
    } == BUNDLED


@pytest.mark.parametrize("crosswalk_id", sorted(BUNDLED))
def test_every_key_question_and_standard_of_both_sides_is_accounted_for(
    crosswalks: CrosswalkCatalogue, catalogue: Catalogue, crosswalk_id: str
) -> None:
    """Each element of both editions (within scope) is paired, or marked new or removed."""
    crosswalk = crosswalks[crosswalk_id]
    for side, edition, scope in (
        ("from", crosswalk.from_edition, crosswalk.scope_from),
        ("to", crosswalk.to_edition, crosswalk.scope_to),
    ):
        framework = catalogue[edition.framework]
        assert edition.version == framework.version
        standards = [s for s in framework.standards if not scope or s.id in scope]
        expected = {
            Level.STANDARD: {s.id for s in standards},
            Level.KEY_QUESTION: {k.id for s in standards for k in s.key_questions},
        }
        for level, ids in expected.items():
            listed = {r.from_id if side == "from" else r.to_id for r in crosswalk.at(level)}
            assert ids <= listed, (side, level, sorted(ids - listed))
            assert listed - {None} <= ids


_TERMS = (
    ("the service user's", "the person on probation's"),
    ("the service user", "the person on probation"),
    ("service user's", "person on probation's"),
)


def _same_question(text: str) -> str:
    text = text.lower()
    for old, new in _TERMS:
        text = text.replace(old, new)
    return re.sub(r"[^a-z ]", "", text)


@pytest.mark.parametrize("crosswalk_id", sorted(BUNDLED))
def test_equal_key_questions_ask_the_same_question(
    crosswalks: CrosswalkCatalogue, catalogue: Catalogue, crosswalk_id: str
) -> None:
    """'equal' is kept for the same key question ('service user' read as 'person on
    probation'); anything else is approximate."""
    crosswalk = crosswalks[crosswalk_id]
    old = catalogue[crosswalk.from_edition.framework]
    new = catalogue[crosswalk.to_edition.framework]
    equal = [r for r in crosswalk.at(Level.KEY_QUESTION) if r.relationship is Relationship.EQUAL]
    for row in equal:
        assert row.from_id is not None
        assert row.to_id is not None
        a, b = old.key_question(row.from_id), new.key_question(row.to_id)
        assert _same_question(a.text) == _same_question(b.text), (row.from_id, row.to_id)


def test_2021_to_2023_pdu_keeps_assessment_planning_and_reviewing(
    crosswalks: CrosswalkCatalogue,
) -> None:
    """Seed 000 prints the 2021 assessment, planning and reviewing key questions unchanged;
    implementation and delivery loses its 'Post-custody cases only' prompts."""
    crosswalk = crosswalks["hmip-2021-pdu--hmip-2023-pdu"]
    standards = {(r.from_id, r.to_id): r.relationship for r in crosswalk.at(Level.STANDARD)}
    assert standards[("2.2", "P2.1")] is Relationship.EQUAL
    assert standards[("2.3", "P2.2")] is Relationship.EQUAL
    assert standards[("2.5", "P2.4")] is Relationship.EQUAL
    assert standards[("2.4", "P2.3")] is Relationship.SUPERSET
    assert standards[("2.7", None)] is Relationship.REMOVED
    kqs = {(r.from_id, r.to_id): r.relationship for r in crosswalk.at(Level.KEY_QUESTION)}
    assert kqs[("2.4.1", "P2.3.1")] is Relationship.SUPERSET
    assert sum(r is Relationship.EQUAL for r in kqs.values()) == 9


def test_the_stage_and_aim_views_agree_with_mirrors(
    crosswalks: CrosswalkCatalogue, catalogue: Catalogue
) -> None:
    """001 §3.3 and seed 000 R 2.1, R 2.2: the regional aims ask the PDU stages' key questions;
    the view crosswalk pairs exactly the key questions the regional framework mirrors."""
    view = crosswalks["hmip-2023-pdu--hmip-2023-region"]
    region = catalogue["hmip-2023-region"]
    mirrored = {
        (kq.mirrors.id, kq.id)
        for s in region.standards
        for kq in s.key_questions
        if kq.mirrors is not None
    }
    equal = {
        (r.from_id, r.to_id)
        for r in view.at(Level.KEY_QUESTION)
        if r.relationship is Relationship.EQUAL
    }
    assert equal == mirrored
    assert len(equal) == 8
    assert view.scope_to == ("R2.1", "R2.2")
