"""The survey import as a background job: the questions and responses read again by the core
(:func:`pinspect.survey.parse_survey`), then the counts saved (see
:mod:`pinspect.web.jobs.intake`). The import page has read both files already, so every
problem of a file was a form error there.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pinspect.problems import InputError
from pinspect.survey import parse_survey
from pinspect.web.evidence.survey import import_survey
from pinspect.web.installation import file_limits
from pinspect.web.jobs.intake import Prepared, Progress, Upload, UploadRefusedError, upload

__all__ = ["import_survey_job", "survey_parameters"]


def survey_parameters(*, title: str, when: date | None, notes: str) -> dict[str, Any]:
    """The import form's fields besides the files, as the job keeps them."""
    return {"title": title, "when": None if when is None else when.isoformat(), "notes": notes}


def import_survey_job(job: Any, uploads: Mapping[str, Upload], progress: Progress) -> Prepared:
    """Import the job's survey files as the inspection's current survey."""
    questions_file, responses_file = upload(uploads, "questions"), upload(uploads, "responses")
    progress.step("Reading the survey", 5, 80)
    try:
        questions = parse_survey(
            questions_file.content,
            responses_file.content,
            framework=job.inspection.framework,
            questions_file=questions_file.name,
            responses_file=responses_file.name,
            limits=file_limits(),
        )
    except InputError as error:
        raise UploadRefusedError.of(
            error, what="The survey could not be imported", then="Upload the files again."
        ) from None
    fields = job.parameters["survey"]
    when = fields.get("when")

    def save() -> str:
        import_survey(
            job.inspection,
            questions,
            title=fields["title"],
            when=None if when is None else date.fromisoformat(when),
            notes=fields["notes"],
            actor=job.started_by,
        )
        return f"Imported {len(questions)} survey questions"

    return Prepared("Saving the survey results", save)
