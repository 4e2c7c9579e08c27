"""A synthetic, seeded example inspection of the 2021 PDU framework, with case types.

``hmip-2021-pdu-cases.csv`` answers the case-based domain two standards for three samples:
40 supervision cases (2.2–2.6), 12 court reports (2.1) and 8 victims (2.7).
``hmip-2021-pdu-attributes.csv`` says what kind of case each supervision case is —
``case_type`` (community or post_custody), ``unpaid_work_only`` and
``no_rehabilitative_requirements`` — and each case's sex. A prompt that does not apply to a
case (003 Annexe A §3: '*' prompts not in unpaid-work-only cases or cases with no
rehabilitative requirements, "Post-custody cases only" prompts only in post-custody cases) is
answered n/a; four outcomes are met through stability, each recording its exceptional
circumstances and the evidence of planning towards progress (003 §4.11).
``hmip-2021-pdu-judged.csv`` rates domain one. The data is invented: no real case is described.
Regenerate the files with ``python -m pinspect.examples [DIRECTORY]``.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from pinspect.frameworks.applicability import CaseKind, case_kind_attributes, not_asked
from pinspect.frameworks.catalogue import bundled_catalogue
from pinspect.frameworks.model import AnswerScale, CaseType, RatedBy, Sample

__all__ = ["PDU_2021_FRAMEWORK", "pdu_2021_path", "write_pdu_2021_example"]

PDU_2021_FRAMEWORK = "hmip-2021-pdu"
_SEED = 2021
_SAMPLES = {Sample.SUPERVISION: 40, Sample.COURT_REPORTS: 12, Sample.VICTIMS: 8}
# Supervision cases by kind: 14 post-custody, 26 community of which 4 unpaid work only and
# 3 with no rehabilitative requirements.
_KINDS = (
    [CaseKind(CaseType.POST_CUSTODY)] * 14
    + [CaseKind(CaseType.COMMUNITY)] * 19
    + [CaseKind(CaseType.COMMUNITY, unpaid_work_only=True)] * 4
    + [CaseKind(CaseType.COMMUNITY, no_rehabilitative_requirements=True)] * 3
)
_YES_SHARE = {"2.1": 0.85, "2.2": 0.7, "2.3": 0.6, "2.4": 0.75, "2.5": 0.55, "2.7": 0.9}
_OUTCOMES = ["met"] * 18 + ["met through stability"] * 4 + ["part met"] * 10 + ["not met"] * 8
_STABILITY = (
    "Accommodation lost twice in the period; keeping the tenancy was itself the progress.",
    "A new diagnosis; appointments kept while treatment was arranged.",
)
_PLANNING = (
    "Referral to the employment service made and the first meeting booked.",
    "A reviewed plan sets the next steps once treatment is settled.",
)
_JUDGED = {"1.1": "Good", "1.2": "Requires improvement", "1.3": "Good", "1.4": "Good"}


def pdu_2021_path(name: str, directory: Path | None = None) -> Path:
    """The path of one file of the 2021 example, e.g. ``pdu_2021_path("cases")``."""
    from pinspect.examples import example_directory  # noqa: PLC0415 - the package imports this

    return (directory or example_directory()) / f"{PDU_2021_FRAMEWORK}-{name}.csv"


def write_pdu_2021_example(directory: Path, seed: int = _SEED) -> list[Path]:
    """Write the 2021 example's cases, judged ratings and attributes into ``directory``."""
    framework = bundled_catalogue().get_framework(PDU_2021_FRAMEWORK)
    rng = random.Random(seed)
    rows: list[tuple[str, ...]] = []
    attributes: list[tuple[str, ...]] = []
    outcomes = list(_OUTCOMES)
    rng.shuffle(outcomes)
    kinds = list(_KINDS)
    rng.shuffle(kinds)
    prefixes = {Sample.SUPERVISION: "S", Sample.COURT_REPORTS: "R", Sample.VICTIMS: "V"}
    stability = 0
    for sample, count in _SAMPLES.items():
        for number in range(1, count + 1):
            case_id = f"{prefixes[sample]}{number:03d}"
            kind = kinds[number - 1] if sample is Sample.SUPERVISION else None
            refused = not_asked(framework, kind)
            sex = "Female" if rng.random() < 0.2 else "Male"
            values = case_kind_attributes(kind)
            attributes.append(
                (
                    case_id,
                    values.get("case_type", ""),
                    values.get("unpaid_work_only", ""),
                    values.get("no_rehabilitative_requirements", ""),
                    sex,
                )
            )
            for standard in framework.standards:
                if standard.rated_by not in (RatedBy.CASES, RatedBy.NOT_RATED):
                    continue
                if standard.sample is not sample:
                    continue
                for kq in standard.key_questions:
                    record = ("", "")
                    if kq.answer_scale is AnswerScale.OUTCOME:
                        answer = outcomes[number - 1]
                        positive = answer in ("met", "met through stability")
                        if answer == "met through stability":
                            record = (_STABILITY[stability % 2], _PLANNING[stability % 2])
                            stability += 1
                    else:
                        positive = rng.random() < _YES_SHARE[standard.id]
                        answer = "yes" if positive else "no"
                    rows.append((case_id, kq.id, answer, sample.value, *record))
                    for prompt in kq.prompts:
                        if prompt.id in refused:
                            rows.append((case_id, prompt.id, "n/a", sample.value, "", ""))
                            continue
                        p_yes = 0.9 if positive else 0.4
                        word = "yes" if rng.random() < p_yes else "no"
                        rows.append((case_id, prompt.id, word, sample.value, "", ""))
    directory.mkdir(parents=True, exist_ok=True)
    paths = [pdu_2021_path(n, directory) for n in ("cases", "judged", "attributes")]
    _write_csv(
        paths[0], ("case_id", "question", "answer", "sample", "circumstances", "planning"), rows
    )
    _write_csv(paths[1], ("standard", "rating"), list(_JUDGED.items()))
    _write_csv(
        paths[2],
        ("case_id", "case_type", "unpaid_work_only", "no_rehabilitative_requirements", "sex"),
        attributes,
    )
    return paths


def _write_csv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
