"""Double-marking in an inspection: the QA sub-sample, blind second marking, agreement and
moderation (seed 001 §4.12, §4.13). The figures come from :mod:`pinspect.consistency`."""
