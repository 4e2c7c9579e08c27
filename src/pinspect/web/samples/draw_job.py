"""The sample draw as a background job: the long list read again, eligibility, the draw and
its analysis, then the sample saved (see :mod:`pinspect.web.jobs.intake`).

The draw page has read the long list already, so a problem of the file was a form error
there; what can still stop the draw here is a size that does not fit the eligible cases
(the page checks it against all the sample's cases only) or an inspection that has a sample
by now. Both are said in words, and the long list is deleted: starting again needs new
settings or is pointless.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pinspect.problems import InputError
from pinspect.sampling import SelectionStep
from pinspect.web.jobs.intake import Prepared, Progress, Upload, UploadRefusedError, upload
from pinspect.web.samples.drawing import DrawParameters, long_list_for_draw, select_from
from pinspect.web.samples.recording import SampleRefusedError, record_drawn_sample

__all__ = ["STEPS", "draw_sample_job"]

#: The job's steps after reading the long list: words and the bar's range (per cent).
STEPS: dict[SelectionStep, tuple[str, int, int]] = {
    SelectionStep.ELIGIBILITY: ("Checking eligibility", 40, 60),
    SelectionStep.DRAW: ("Drawing the sample", 60, 80),
    SelectionStep.ANALYSIS: ("Analysing the sample", 80, 90),
}


def draw_sample_job(job: Any, uploads: Mapping[str, Upload], progress: Progress) -> Prepared:
    """Draw the sample from the job's long list with the settings it was started with."""
    parameters = DrawParameters.from_dict(job.parameters["draw"])
    long_list = upload(uploads, "file")
    progress.step("Reading the long list", 2, 40)
    try:
        full_list = long_list_for_draw(
            long_list.content, file=long_list.name, parameters=parameters
        )
        drawn = select_from(full_list, parameters, lambda step: progress.step(*STEPS[step]))
    except InputError as error:
        raise UploadRefusedError.of(
            error, what="The sample could not be drawn", then="Change the settings and draw again."
        ) from None

    def save() -> str:
        try:
            record_drawn_sample(
                job.inspection,
                drawn,
                parameters,
                file_name=long_list.name,
                file_sha256=long_list.sha256,
                actor=job.started_by,
            )
        except SampleRefusedError as refused:
            raise UploadRefusedError(str(refused)) from None
        return (
            f"Sample drawn: {len(drawn.sample.sample_cases)} cases and "
            f"{len(drawn.sample.reserve_cases)} in reserve (seed {parameters.seed})"
        )

    return Prepared("Saving the sample", save)
