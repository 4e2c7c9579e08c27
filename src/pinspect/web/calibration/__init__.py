"""Calibration exercises across inspections: QA publishes a reference case, any inspector
marks it blind, and each sees their agreement with the reference and with peers (seed 001
§4.13). The figures come from :mod:`pinspect.consistency.calibration`."""
