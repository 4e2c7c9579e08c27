"""Long work in the background: the report PDF and the data annex (CSV, XLSX, ODS), made by a
worker process while the page shows the job's progress.

One job per inspection and kind (:class:`~pinspect.web.jobs.models.Job`); its finished file is
kept until the inspection changes (a newer audit event than the one the file was made from).
django-tasks' database backend carries the work to the workers (ADR 6).
"""
