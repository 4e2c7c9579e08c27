"""Where "not applicable" may be answered: one rule, on the framework model.

Seed 001 §3.2: "All the key questions and prompts have a binary yes or no response." Seed 003
Annexe A §3 marks the prompts that do not apply to every case ('*': not unpaid-work-only cases
or cases with no rehabilitative requirements; "Post-custody cases only").
"""

from __future__ import annotations

from pinspect.frameworks import bundled_catalogue


def test_a_starred_prompt_may_be_not_applicable_and_an_unmarked_one_may_not() -> None:
    """003 Annexe A §3: 2021 PDU 2.3.2 a) is a '*' prompt; 2.3.2 b) applies to every case."""
    framework = bundled_catalogue()["hmip-2021-pdu"]
    starred = framework.element("2.3.2.a")
    unmarked = framework.element("2.3.2.b")
    assert starred is not None
    assert starred.allows_not_applicable
    assert unmarked is not None
    assert not unmarked.allows_not_applicable


def test_a_key_question_is_binary_while_any_prompt_applies_to_every_case() -> None:
    """001 §3.2: binary yes/no; 2021 PDU 2.4.1 has a post-custody-only prompt beside prompts
    that apply to every case, so the key question itself is answered yes or no."""
    framework = bundled_catalogue()["hmip-2021-pdu"]
    key_question = framework.element("2.4.1")
    assert key_question is not None
    assert not key_question.allows_not_applicable


def test_the_2023_pdu_framework_is_binary_throughout() -> None:
    """001 §3.2: the 2023 PDU framework marks no prompt as applying to some cases only."""
    framework = bundled_catalogue()["hmip-2023-pdu"]
    elements = [
        element
        for standard in framework.standards
        for key_question in standard.key_questions
        for element in (key_question, *key_question.prompts)
    ]
    assert elements
    assert not any(element.allows_not_applicable for element in elements)
