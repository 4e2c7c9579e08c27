"""Agreement figures as the pages show them: the value to two places and its interval in
words, or why there is none."""

from __future__ import annotations

from typing import Any

__all__ = ["agreement_words", "figure_words"]


def figure_words(figure: Any) -> dict[str, Any]:
    if figure is None:
        return {"value": None, "text": "not given", "interval": ""}
    if figure.value is None:
        return {"value": None, "text": "undefined", "interval": figure.reason or ""}
    interval = (
        f"{figure.interval[0]:.2f} to {figure.interval[1]:.2f}"
        if figure.interval is not None
        else (figure.reason or "")
    )
    return {"value": figure.value, "text": f"{figure.value:.2f}", "interval": interval}


def agreement_words(agreement: Any) -> dict[str, Any]:
    return {
        "cases": agreement.cases,
        "raw": figure_words(agreement.raw),
        "kappa": figure_words(agreement.kappa),
        "ac1": figure_words(agreement.ac1),
        "alpha": figure_words(agreement.alpha) if agreement.alpha is not None else None,
    }
