"""Which prompts and key questions apply to a case (003 Annexe A §3), in words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.applicability import (
    CaseKind,
    case_kind_from,
    case_type_for_sentence,
    not_asked,
    why_not_applicable,
)
from pinspect.frameworks.loader import parse_framework
from pinspect.frameworks.model import CaseType


def test_a_post_custody_only_prompt_does_not_apply_to_a_community_case() -> None:
    """003 Annexe A §3: 2021 PDU 2.4.1 a) is for post-custody cases only."""
    prompt = bundled_catalogue()["hmip-2021-pdu"].prompt("2.4.1.a")
    assert why_not_applicable(prompt, CaseKind(CaseType.COMMUNITY)) == (
        "Post-custody cases only, and this is a community case"
    )
    assert why_not_applicable(prompt, CaseKind(CaseType.POST_CUSTODY)) is None


def test_a_starred_prompt_does_not_apply_to_an_unpaid_work_only_case() -> None:
    """003 Annexe A §3: '*' prompts do not apply in unpaid-work-only cases."""
    prompt = bundled_catalogue()["hmip-2021-pdu"].prompt("2.3.2.a")
    reason = why_not_applicable(prompt, CaseKind(CaseType.COMMUNITY, unpaid_work_only=True))
    assert reason == "Not asked in unpaid-work-only cases (prompts marked *)"


def test_the_2018_framework_has_one_post_custody_prompt() -> None:
    """003 Annexe A §3 as the 2018 framework has it: only 2.3.1 d) is for post-custody cases."""
    framework = bundled_catalogue()["hmip-2018-nps"]
    assert set(not_asked(framework, CaseKind(CaseType.COMMUNITY))) == {"2.3.1.d"}


def test_nothing_is_told_apart_without_a_case_type() -> None:
    """003 Annexe A §3 needs the case's type: without one, every prompt is asked."""
    assert not_asked(bundled_catalogue()["hmip-2021-pdu"], None) == {}


def test_a_key_question_none_of_whose_prompts_applies_is_not_asked() -> None:
    """003 Annexe A §3: when every prompt of a key question is for post-custody cases only, a
    community case is not asked the key question either."""
    path = Path(bundled_catalogue()["hmip-2021-pdu"].path or "")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for domain in data["domains"]:
        for standard in domain["standards"]:
            for kq in standard["key_questions"]:
                if kq["id"] == "2.3.2":
                    for prompt in kq["prompts"]:
                        prompt["applies_to"] = {"only": ["post_custody"]}
                        prompt.pop("marker", None)
    framework = parse_framework(yaml.safe_dump(data, sort_keys=False), "changed.yaml")
    refused = not_asked(framework, CaseKind(CaseType.COMMUNITY))
    assert refused["2.3.2"] == "None of its prompts applies to a community case"
    assert "2.3.2" not in not_asked(framework, CaseKind(CaseType.POST_CUSTODY))


def test_a_case_kind_is_read_from_its_attributes() -> None:
    kind = case_kind_from(
        {
            "case_type": "Post-custody",
            "unpaid_work_only": "no",
            "no_rehabilitative_requirements": "y",
        }
    )
    assert kind == CaseKind(CaseType.POST_CUSTODY, no_rehabilitative_requirements=True)
    assert case_kind_from({"sex": "male"}) is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"case_type": "prison"}, "case_type: 'prison' is not a case type"),
        ({"case_type": "community", "unpaid_work_only": "maybe"}, "unpaid_work_only: 'maybe'"),
    ],
)
def test_a_wrong_case_kind_names_its_column(values: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        case_kind_from(values)


def test_licence_and_post_sentence_supervision_are_post_custody() -> None:
    assert case_type_for_sentence(is_post_custody=True) is CaseType.POST_CUSTODY
    assert case_type_for_sentence(is_post_custody=False) is CaseType.COMMUNITY
