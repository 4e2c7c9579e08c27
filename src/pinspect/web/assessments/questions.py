"""What a case is asked, read from the framework: the key questions of the case-rated standards
of the case's sample, with their prompts, and where "not applicable" may be answered.

These are views of the core's framework model, not rules of their own: where "not
applicable" may be answered is :attr:`Prompt.allows_not_applicable` and
:attr:`KeyQuestion.allows_not_applicable` (seed 001 §3.2, seed 003 Annexe A §3). The
contradiction warning only informs the inspector (seed 001 §4.7: key-question judgements
are "informed by the prompts").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pinspect.frameworks import AnswerScale, Framework, KeyQuestion, Prompt, RatedBy, Standard

__all__ = [
    "CaseQuestions",
    "KeyQuestionForm",
    "case_questions",
    "contradiction",
    "missing_answers",
]

LONG_GUIDANCE = 200


@dataclass(frozen=True)
class KeyQuestionForm:
    standard: Standard
    key_question: KeyQuestion
    prompts: tuple[Prompt, ...]

    @property
    def allows_not_applicable(self) -> bool:
        return self.key_question.allows_not_applicable


@dataclass(frozen=True)
class CaseQuestions:
    framework: Framework
    key_questions: tuple[KeyQuestionForm, ...]
    # Answers per question id, worked out once: a page and a save ask for every question's.
    _answers: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def question_ids(self) -> tuple[str, ...]:
        ids: list[str] = []
        for form in self.key_questions:
            ids.append(form.key_question.id)
            ids.extend(p.id for p in form.prompts)
        return tuple(ids)

    def allowed_answers(self, question_id: str) -> tuple[str, ...]:
        answers = self._answers.get(question_id)
        if answers is None:
            element = self.framework.element(question_id)
            na = isinstance(element, Prompt | KeyQuestion) and element.allows_not_applicable
            answers = ("yes", "no", "n/a") if na else ("yes", "no")
            self._answers[question_id] = answers
        return answers

    def key_question_ids(self) -> tuple[str, ...]:
        return tuple(f.key_question.id for f in self.key_questions)


def case_questions(framework: Framework, sample: str) -> CaseQuestions:
    """The yes/no key questions a case of ``sample`` answers in ``framework``."""
    forms = []
    for standard in framework.standards:
        if standard.rated_by is not RatedBy.CASES:
            continue
        if standard.sample is not None and standard.sample.value != sample:
            continue
        for kq in standard.key_questions:
            if kq.answer_scale is AnswerScale.YES_NO and kq.aggregate_of is None:
                forms.append(KeyQuestionForm(standard, kq, kq.prompts))
    return CaseQuestions(framework, tuple(forms))


def contradiction(key_question_answer: str, prompt_answers: list[str]) -> str | None:
    """A warning when the key-question judgement goes against every answered prompt."""
    answered = [a for a in prompt_answers if a in ("yes", "no")]
    if not answered or key_question_answer not in ("yes", "no"):
        return None
    if key_question_answer == "yes" and all(a == "no" for a in answered):
        return "You answered yes to the key question but no to every prompt."
    if key_question_answer == "no" and all(a == "yes" for a in answered):
        return "You answered no to the key question but yes to every prompt."
    return None


def missing_answers(questions: CaseQuestions, answers: Mapping[str, str]) -> list[str]:
    """Question ids still unanswered; a case cannot be complete while any is."""
    return [q for q in questions.question_ids() if not answers.get(q)]
