"""The prompt-by-prompt answer form of a case, as the case page lays it out: per key question,
its prompts then the inspector's judgement, radios of the answers allowed, and a note. Shared
by the blind second marking and the calibration exercises, which mark a case the same way
(``consistency/_answer_sections.html`` renders it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pinspect.web.assessments.models import AnswerValue
from pinspect.web.consistency.forms import answer_name, note_name

__all__ = ["answer_sections"]

_LABELS = dict(AnswerValue.choices)


def answer_sections(
    questions: Any, values: Mapping[str, Any], errors: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """One section per key question of ``questions``, with ``values`` (form data or saved
    answers by field name) checked and ``errors`` (by field name) shown."""
    sections = []
    for item in questions.key_questions:
        kq = item.key_question
        groups = []
        entries = [(p.id, f"{p.letter}) {p.text}", "s") for p in item.prompts]
        entries.append((kq.id, f"Your judgement for {kq.id}", "m"))
        for question, legend, size in entries:
            name = answer_name(question)
            first = "q-" + question.replace(".", "-")
            value = str(values.get(name, ""))
            groups.append(
                {
                    "name": name,
                    "anchor": first,
                    "legend": legend,
                    "size": size,
                    "errors": errors.get(name, []),
                    "choices": [
                        {
                            "id": first if n == 1 else f"{first}-{n}",
                            "value": choice,
                            "label": _LABELS[choice],
                            "checked": choice == value,
                        }
                        for n, choice in enumerate(questions.allowed_answers(question), start=1)
                    ],
                }
            )
        sections.append(
            {
                "standard": item.standard,
                "kq": kq,
                "groups": groups,
                "note_name": note_name(kq.id),
                "note_anchor": "q-note-" + kq.id.replace(".", "-"),
                "note": str(values.get(note_name(kq.id), "")),
            }
        )
    return sections
