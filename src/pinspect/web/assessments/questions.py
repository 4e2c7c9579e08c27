"""What a case is asked, read from the framework: the key questions of the case-rated standards
of the case's sample, with their prompts, which of them apply to the case and where "not
applicable" may be answered.

These are views of the core's framework model, not rules of their own. Which prompts apply to
the case is :func:`pinspect.frameworks.applicability.not_asked` (seed 003 Annexe A §3): a prompt
that does not apply is shown as "Does not apply: <reason>" and not asked, and a key question
none of whose prompts applies is not asked either. Where "not applicable" may be answered, for a
case whose type is not recorded, is :attr:`Prompt.allows_not_applicable` and
:attr:`KeyQuestion.allows_not_applicable` (seed 001 §3.2); once the case's type is known, every
prompt asked is answered yes or no. The contradiction warning only informs the inspector (seed
001 §4.7: key-question judgements are "informed by the prompts").

The case form (``outcomes=True``) also asks the outcome key questions of a standard that is not
rated (hmip-2021-pdu 2.6 Outcomes): its prompts are answered like any prompt, and the key
question on the outcome scale (seed 003 §4.2: "met/part met/not met for outcomes in individual
cases"; §4.11: met through stability), or "not applicable". Seed 003 §3.7, §4.10: outcomes are
not rated; the answers are baseline data. The blind second marking and the calibration
exercises leave them out: their agreement figures are of yes/no answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pinspect.frameworks import AnswerScale, Framework, KeyQuestion, Prompt, RatedBy, Standard
from pinspect.frameworks.applicability import CaseKind, not_asked
from pinspect.ratings.answer import Answer

__all__ = [
    "OUTCOME_ANSWERS",
    "OUTCOME_HINT",
    "CaseQuestions",
    "KeyQuestionForm",
    "case_questions",
    "contradiction",
    "missing_answers",
    "question_words",
]

LONG_GUIDANCE = 200

#: The answers of an outcome key question, in the core's words (003 §4.2, §4.11), and n/a.
OUTCOME_ANSWERS: tuple[str, ...] = tuple(
    a.word
    for a in (
        Answer.MET,
        Answer.PART_MET,
        Answer.NOT_MET,
        Answer.MET_THROUGH_STABILITY,
        Answer.NOT_APPLICABLE,
    )
)

#: What the case form says of an outcome judgement (seed 003 §3.7, §4.10).
OUTCOME_HINT = (
    "Baseline data, not rated: \u201cWe will not rate outcomes for at least the first 12 months "
    "of our inspection activity. Instead we will collect and publish baseline data on progress "
    "against key outcomes during this period\u201d (003 §4.10)."
)


@dataclass(frozen=True)
class KeyQuestionForm:
    standard: Standard
    key_question: KeyQuestion
    prompts: tuple[Prompt, ...]
    #: Prompt ids (and the key question's id) that do not apply to the case, with the reason.
    not_asked: Mapping[str, str] = field(default_factory=dict)

    @property
    def allows_not_applicable(self) -> bool:
        return self.key_question.allows_not_applicable

    @property
    def asked(self) -> bool:
        return self.key_question.id not in self.not_asked

    @property
    def is_outcome(self) -> bool:
        """Judged met / part met / not met (003 §4.2), not yes or no."""
        return self.key_question.answer_scale is AnswerScale.OUTCOME

    @property
    def asked_prompts(self) -> tuple[Prompt, ...]:
        return tuple(p for p in self.prompts if p.id not in self.not_asked)


@dataclass(frozen=True)
class CaseQuestions:
    framework: Framework
    key_questions: tuple[KeyQuestionForm, ...]
    kind: CaseKind | None = None
    #: Every question of the case's standards that does not apply to it, with the reason.
    not_asked: Mapping[str, str] = field(default_factory=dict)
    # Answers per question id, worked out once: a page and a save ask for every question's.
    _answers: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def question_ids(self) -> tuple[str, ...]:
        """The questions asked of the case, in page order."""
        ids: list[str] = []
        for form in self.key_questions:
            if not form.asked:
                continue
            ids.extend(p.id for p in form.asked_prompts)  # page order: prompts, judgement
            ids.append(form.key_question.id)
        return tuple(ids)

    def every_question_id(self) -> tuple[str, ...]:
        """Every question of the case's standards, asked or not (a save clears the answers of
        those no longer asked)."""
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
            if question_id in self.not_asked:
                answers = ("n/a",)
            elif isinstance(element, KeyQuestion) and element.answer_scale is AnswerScale.OUTCOME:
                answers = OUTCOME_ANSWERS
            elif na and self.kind is None:
                answers = ("yes", "no", "n/a")
            else:
                answers = ("yes", "no")
            self._answers[question_id] = answers
        return answers

    def key_question_ids(self) -> tuple[str, ...]:
        return tuple(f.key_question.id for f in self.key_questions if f.asked)

    def standards(self) -> tuple[Standard, ...]:
        """The standards the case is assessed against, in framework order."""
        found: dict[str, Standard] = {}
        for form in self.key_questions:
            found.setdefault(form.standard.id, form.standard)
        return tuple(found.values())

    def for_standard(self, standard_id: str) -> CaseQuestions:
        """The same questions, for one standard's page."""
        return CaseQuestions(
            self.framework,
            tuple(f for f in self.key_questions if f.standard.id == standard_id),
            self.kind,
            self.not_asked,
        )

    def standard_of(self, question_id: str) -> Standard | None:
        for form in self.key_questions:
            if question_id == form.key_question.id or any(
                p.id == question_id for p in form.prompts
            ):
                return form.standard
        return None


def case_questions(
    framework: Framework, sample: str, kind: CaseKind | None = None, *, outcomes: bool = False
) -> CaseQuestions:
    """The yes/no key questions a case of ``sample`` answers in ``framework``, and which of
    their prompts do not apply to a case of ``kind`` (seed 003 Annexe A §3); with
    ``outcomes``, also the outcome key questions of the sample's standards that are not rated
    (003 §3.7, §4.10: baseline data)."""
    refused = not_asked(framework, kind)
    forms = []
    for standard in framework.standards:
        if standard.sample is not None and standard.sample.value != sample:
            continue
        if standard.rated_by is RatedBy.CASES:
            scale = AnswerScale.YES_NO
        elif outcomes and standard.rated_by is RatedBy.NOT_RATED and standard.sample is not None:
            scale = AnswerScale.OUTCOME
        else:
            continue
        for kq in standard.key_questions:
            if kq.answer_scale is scale and kq.aggregate_of is None:
                mine = {q: refused[q] for q in (kq.id, *(p.id for p in kq.prompts)) if q in refused}
                forms.append(KeyQuestionForm(standard, kq, kq.prompts, mine))
    return CaseQuestions(framework, tuple(forms), kind, refused)


def question_words(framework: Framework, question_id: str) -> str:
    """A question in its own words, as the error summary names it."""
    element = framework.element(question_id)
    if isinstance(element, Prompt):
        kq = framework.key_question_of(question_id)
        return f"{kq.id} {element.letter}) {element.text}"
    if isinstance(element, KeyQuestion):
        return f"your judgement for {element.id} {element.text}"
    return question_id


def contradiction(key_question_answer: str, prompt_answers: list[str]) -> str | None:
    """A warning when the key-question judgement goes against every answered prompt (a yes or
    no judgement only: an outcome judgement is not checked against its prompts)."""
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
