"""Consistency of judgement: agreement between markers and the panel's view across inspections.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." Plain typed Python: the web application and the CLI
hand it markings and published results and show what it returns.
"""

from pinspect.consistency.agreement_table import (
    AgreementTable,
    PairAgreement,
    QuestionAgreement,
    StandardAgreement,
    agreement_table,
)
from pinspect.consistency.markings import Marking, Markings, read_markings

__all__ = [
    "AgreementTable",
    "Marking",
    "Markings",
    "PairAgreement",
    "QuestionAgreement",
    "StandardAgreement",
    "agreement_table",
    "read_markings",
]
