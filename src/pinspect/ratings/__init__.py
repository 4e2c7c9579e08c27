"""Ratings: the rules of seed 001 §4 and seed 002 that turn answers into ratings.

The rules live in their own modules (``pinspect.ratings.standard``,
``pinspect.ratings.overall`` …); the value objects they produce and consume (ratings, bands,
bandings) live in :mod:`pinspect.scale`, which the framework model builds on too.
"""

__all__: list[str] = []
