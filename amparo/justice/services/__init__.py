"""Writes to legal cases, by subdomain. All input is validated before anything
is written; each service runs in one transaction with its audit event, and
takes its lock before it reads what it checks.
"""

from amparo.justice.services.accused import (
    accused_add,
    accused_identity_reveal,
    accused_update,
    charge_add,
)
from amparo.justice.services.hearings import (
    hearing_postpone,
    hearing_record_outcome,
    hearing_schedule,
)
from amparo.justice.services.legal_cases import (
    lawyer_assign,
    legal_case_close,
    legal_case_link_victim,
    legal_case_open,
)
from amparo.justice.services.proceedings import (
    sentence_record,
    stage_correct,
    stage_record,
    verdict_record,
)

__all__ = [
    "accused_add",
    "accused_identity_reveal",
    "accused_update",
    "charge_add",
    "hearing_postpone",
    "hearing_record_outcome",
    "hearing_schedule",
    "lawyer_assign",
    "legal_case_close",
    "legal_case_link_victim",
    "legal_case_open",
    "sentence_record",
    "stage_correct",
    "stage_record",
    "verdict_record",
]
