"""The seven frameworks of the seeds, checked against the seeds themselves, and the bundled
variant beside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pinspect.frameworks import CaseType, Catalogue, RatedBy, Sample
from pinspect.scale import BandingKind, Rating, majority_rule_banding
from tests.conftest import normalise, seed_text

EXPECTED = Path(__file__).parent / "expected"
IDS = (
    "hmip-2018-nps",
    "hmip-2018-crc",
    "hmip-2021-region",
    "hmip-2021-pdu",
    "hmip-2023-region",
    "hmip-2023-pdu",
    "hmip-2024-national",
)


VARIANTS = {"hmip-2021-pdu-scored-27": "hmip-2021-pdu"}


def test_all_seven_frameworks_load(catalogue: Catalogue) -> None:
    """The seeds' seven frameworks are bundled, and beside them only the documented variants,
    each extending a seed framework (its wording is the seed's, checked below for its base)."""
    assert sorted(catalogue) == sorted([*IDS, *VARIANTS])
    for variant_id, base_id in VARIANTS.items():
        variant = catalogue[variant_id].variant_of
        assert variant is not None
        assert variant.framework == base_id
        assert variant.version == catalogue[base_id].version


@pytest.mark.parametrize("framework_id", IDS)
def test_structure_matches_the_seed(catalogue: Catalogue, framework_id: str) -> None:
    """Counts of standards, and of prompts per key question, as counted in the seed text."""
    expected = json.loads((EXPECTED / f"{framework_id}.json").read_text())
    framework = catalogue[framework_id]
    assert len(list(framework.standards)) == expected["standards"]
    actual = {kq.id: len(kq.prompts) for s in framework.standards for kq in s.key_questions}
    assert actual == expected["key_questions"]


@pytest.mark.parametrize("framework_id", IDS)
def test_wording_is_verbatim(catalogue: Catalogue, framework_id: str) -> None:
    """Every statement, key question and prompt occurs in its seed (whitespace-normalised)."""
    framework = catalogue[framework_id]
    seed = seed_text(framework.source.document)
    missing = []
    for standard in framework.standards:
        texts = [(standard.id, standard.name)]
        if standard.statement:
            texts.append((standard.id, standard.statement))
        for kq in standard.key_questions:
            texts.append((kq.id, kq.text))
            texts.extend((p.id, p.text) for p in kq.prompts)
        missing.extend(i for i, text in texts if normalise(text) not in seed)
    assert missing == []


@pytest.mark.parametrize("framework_id", IDS)
def test_every_element_names_its_source(catalogue: Catalogue, framework_id: str) -> None:
    framework = catalogue[framework_id]
    documents = {p.name for p in (Path(__file__).parents[2] / "seeds").glob("*.txt")}
    for standard in framework.standards:
        elements = [standard, *standard.key_questions]
        elements += [p for kq in standard.key_questions for p in kq.prompts]
        for element in elements:
            assert element.source.document in documents, element.id
            assert element.source.section, element.id
    assert "Open Government Licence v3.0" in framework.licence


def test_2021_regional_duplicate_letter_is_kept_and_flagged(catalogue: Catalogue) -> None:
    """methodology: typos in the source are kept and flagged, e.g. the two prompts lettered
    d) under 2021 regional 1.2.4."""
    kq = catalogue["hmip-2021-region"].key_question("1.2.4")
    letters = [p.letter for p in kq.prompts]
    assert letters == ["a", "b", "c", "d", "d"]
    assert [p.id for p in kq.prompts][-2:] == ["1.2.4.d", "1.2.4.d-2"]
    assert all(p.notes for p in kq.prompts[-2:])


def test_2021_pdu_applicability(catalogue: Catalogue) -> None:
    """003 Annexe A §3: "Prompts marked * do not apply in unpaid work only cases, or other cases
    with no rehabilitative requirements"; "Post-custody cases only" prompts."""
    framework = catalogue["hmip-2021-pdu"]
    prompts = [p for s in framework.standards for kq in s.key_questions for p in kq.prompts]
    starred = {p.id for p in prompts if p.marker == "*"}
    assert len(starred) == 9
    unpaid_only = frozenset({CaseType.UNPAID_WORK_ONLY})
    assert {p.id for p in prompts if not p.applicability.applies_to(unpaid_only)} >= starred
    post_custody_only = {p.id for p in prompts if CaseType.POST_CUSTODY in p.applicability.only}
    assert post_custody_only == {"2.4.1.a", "2.4.2.a", "2.4.3.a"}
    community = frozenset({CaseType.COMMUNITY})
    assert not framework.prompt("2.4.1.a").applicability.applies_to(community)
    assert framework.prompt("2.4.1.a").applicability.applies_to(frozenset({CaseType.POST_CUSTODY}))
    assert all("*" not in p.text for p in prompts)


def test_how_each_standard_is_rated(catalogue: Catalogue) -> None:
    pdu21 = catalogue["hmip-2021-pdu"]
    outcomes = pdu21.standard("2.6")
    assert outcomes.rated_by is RatedBy.NOT_RATED
    assert not outcomes.scored
    assert pdu21.standard("2.1").sample is Sample.COURT_REPORTS
    assert pdu21.standard("2.7").sample is Sample.VICTIMS
    assert len(pdu21.scored_standards) == 10
    region21 = catalogue["hmip-2021-region"]
    assert all(s.rated_by is RatedBy.NOT_RATED for s in region21.standards)
    assert region21.banding.kind is BandingKind.NONE
    nps = catalogue["hmip-2018-nps"]
    assert [s.rated_by for s in nps.standards].count(RatedBy.JUDGEMENT) == 4
    assert catalogue["hmip-2018-crc"].standard("4.2").sample is Sample.RESETTLEMENT
    national = catalogue["hmip-2024-national"]
    assert all(s.rated_by is RatedBy.JUDGEMENT and s.scored for s in national.standards)


def test_regional_views_mirror_pdu_key_questions(catalogue: Catalogue) -> None:
    """000 R 2.1, R 2.2 ask the PDU assessment, planning, implementation and reviewing key
    questions grouped by aim (001 §3.3): one set of case answers feeds both views."""
    region = catalogue["hmip-2023-region"]
    pairs = {
        kq.id: kq.mirrors.id
        for s in region.standards
        for kq in s.key_questions
        if kq.mirrors is not None
    }
    assert pairs == {
        "R2.1.1": "P2.1.3",
        "R2.1.2": "P2.2.3",
        "R2.1.3": "P2.3.3",
        "R2.1.4": "P2.4.3",
        "R2.2.1": "P2.1.2",
        "R2.2.2": "P2.2.2",
        "R2.2.3": "P2.3.2",
        "R2.2.4": "P2.4.2",
    }
    for kq_id in pairs:
        kq = region.key_question(kq_id)
        mirrored = catalogue.mirrored_key_question(kq)
        assert mirrored is not None
        assert mirrored.text == kq.text


def test_r122_aggregates_pdu_staffing(catalogue: Catalogue) -> None:
    """000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
    inspections generate a rating for key question R 1.2.2"."""
    kq = catalogue["hmip-2023-region"].key_question("R1.2.2")
    assert kq.aggregate_of is not None
    assert (kq.aggregate_of.framework, kq.aggregate_of.id) == ("hmip-2023-pdu", "P1.2")
    assert kq.prompts == ()


def test_national_case_inspection_uses_pdu_domain_two(catalogue: Catalogue) -> None:
    """002 decision 7: cases inspected against the PDU domain two standards, indicative."""
    ci = catalogue["hmip-2024-national"].case_inspection
    assert ci is not None
    assert (ci.framework, ci.domain, ci.indicative) == ("hmip-2023-pdu", "2", True)


def test_national_rules_and_guidance_on_every_prompt(catalogue: Catalogue) -> None:
    """004: per prompt, the guidance, evidence (EiA; fieldwork) and judgement."""
    national = catalogue["hmip-2024-national"]
    prompts = [p for s in national.standards for kq in s.key_questions for p in kq.prompts]
    assert len(prompts) == 52
    seed004 = seed_text("004_1fd260a899b2ae7a.txt")
    for prompt in prompts:
        assert prompt.guidance, prompt.id
        assert prompt.evidence is not None, prompt.id
        assert prompt.judgement is not None, prompt.id
        assert prompt.evidence.in_advance, prompt.id
        assert prompt.evidence.fieldwork, prompt.id
        assert normalise(prompt.judgement.positive) in seed004, prompt.id
        assert normalise(prompt.judgement.negative) in seed004, prompt.id
        assert "positive judgement" in prompt.judgement.positive


def test_annex_g_characteristics_on_2018_leadership(catalogue: Catalogue) -> None:
    """001 Annex G: characteristics of Outstanding and Inadequate for the Leadership standard."""
    for framework_id in ("hmip-2018-nps", "hmip-2018-crc"):
        characteristics = catalogue[framework_id].standard("1.1").characteristics
        assert characteristics is not None
        assert len(characteristics.outstanding) == 6
        assert len(characteristics.inadequate) == 7
        seed = seed_text("001_b5b8a8a8f3d2a8ea.txt")
        for text in characteristics.outstanding + characteristics.inadequate:
            assert normalise(text) in seed


class TestOverallBanding:
    """001 §4.22: "0-5 = Inadequate, 6-15 = Requires improvement, 16-25 = Good, 26-30 =
    Outstanding"; 002 decision 8: "0–2 = Inadequate, 3–6 = Requires improvement, 7–10 = Good,
    11–12 = Outstanding"; 001 §4.23 for the frameworks whose banding the seeds do not state."""

    def test_published_2018_banding(self, catalogue: Catalogue) -> None:
        banding = catalogue["hmip-2018-nps"].banding
        assert banding.kind is BandingKind.PUBLISHED
        spans = [(b.rating, b.min_score, b.max_score) for b in banding.bands]
        assert spans == [
            (Rating.INADEQUATE, 0, 5),
            (Rating.REQUIRES_IMPROVEMENT, 6, 15),
            (Rating.GOOD, 16, 25),
            (Rating.OUTSTANDING, 26, 30),
        ]

    def test_published_national_banding(self, catalogue: Catalogue) -> None:
        banding = catalogue["hmip-2024-national"].banding
        assert banding.kind is BandingKind.PUBLISHED
        assert [(b.min_score, b.max_score) for b in banding.bands] == [
            (0, 2),
            (3, 6),
            (7, 10),
            (11, 12),
        ]
        assert catalogue["hmip-2024-national"].banding_quote

    @pytest.mark.parametrize(
        ("framework_id", "scored"),
        [("hmip-2021-pdu", 10), ("hmip-2023-pdu", 7), ("hmip-2023-region", 8)],
    )
    def test_derived_banding_follows_the_majority_rule(
        self, catalogue: Catalogue, framework_id: str, scored: int
    ) -> None:
        framework = catalogue[framework_id]
        assert framework.banding.kind is BandingKind.DERIVED
        assert len(framework.scored_standards) == scored
        assert framework.banding.bands == majority_rule_banding(scored).bands

    def test_published_bandings_agree_with_the_rule_they_state(self, catalogue: Catalogue) -> None:
        for framework_id in ("hmip-2018-nps", "hmip-2018-crc", "hmip-2024-national"):
            framework = catalogue[framework_id]
            derived = majority_rule_banding(len(framework.scored_standards))
            assert framework.banding.bands == derived.bands
