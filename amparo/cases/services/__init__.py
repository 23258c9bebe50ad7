"""Writes to cases, closure requests, incidents, notes, flags, rescue operations and ownership, by subdomain.

Every service validates all of its input before writing anything, runs in one
transaction and writes its audit event there.
"""

from amparo.cases.services.closure_requests import (
    closure_request_approve,
    closure_request_create,
    closure_request_decline,
)
from amparo.cases.services.incident_ages import incidents_age_rederive
from amparo.cases.services.incidents import incident_record, incident_update, validate_incident
from amparo.cases.services.intake import (
    intake_import,
    intake_import_problems,
    intake_submit,
    rescue_operation_record,
)
from amparo.cases.services.lifecycle import (
    case_assign,
    case_close,
    case_flag_raise,
    case_flag_resolve,
    case_follows_from,
    case_unassign,
    case_update,
)
from amparo.cases.services.notes import MAX_NOTE_LENGTH, note_add
from amparo.cases.services.ownership import case_owner_change

__all__ = [
    "MAX_NOTE_LENGTH",
    "case_assign",
    "case_close",
    "case_flag_raise",
    "case_flag_resolve",
    "case_follows_from",
    "case_owner_change",
    "case_unassign",
    "case_update",
    "closure_request_approve",
    "closure_request_create",
    "closure_request_decline",
    "incident_record",
    "incident_update",
    "incidents_age_rederive",
    "intake_import",
    "intake_import_problems",
    "intake_submit",
    "note_add",
    "rescue_operation_record",
    "validate_incident",
]
