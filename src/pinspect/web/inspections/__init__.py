"""Inspections: a unit, a framework from the catalogue, a window, a status and a team."""
