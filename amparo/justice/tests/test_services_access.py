"""Each justice service refuses a role that may not do it, whoever calls it: a page,
the API, or a script that skips both."""

import pytest
from django.core.exceptions import PermissionDenied

from amparo.audit.models import AuditEvent
from amparo.justice import services
from amparo.justice.inputs import AccusedInput


def test_a_role_that_may_not_change_legal_cases_is_denied(cast, world):
    # The admin may open the legal case (read) but holds no EDIT_CASE.
    before = AuditEvent.objects.count()
    writes = [
        lambda: services.legal_case_link_victim(
            actor=cast.admin, legal_case=world.legal_case, case_id=cast.case.pk
        ),
        lambda: services.lawyer_assign(
            actor=cast.admin, legal_case=world.legal_case, user_id=cast.supervisor.pk
        ),
        lambda: services.accused_add(
            actor=cast.admin, legal_case=world.legal_case, data=AccusedInput(pseudonym="X")
        ),
        lambda: services.stage_record(
            actor=cast.admin,
            legal_case=world.legal_case,
            stage="investigation",
            occurred_on=world.trial_event.occurred_on,
        ),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert AuditEvent.objects.count() == before


def test_revealing_an_identity_needs_the_permission(cast, world):
    with pytest.raises(PermissionDenied):
        services.accused_identity_reveal(
            actor=cast.admin, accused=world.accused, reason="Checking the warrant"
        )
    assert not AuditEvent.objects.filter(code="accused.revealed").exists()
