"""Two people changing one case at the same instant: one write stands, the other
is refused and writes nothing (no second row, no second audit event)."""

from django.core.exceptions import ValidationError

from amparo.accounts.roles import Role
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseAssignment, ClosureRequest
from amparo.cases.services import (
    case_assign,
    case_close,
    closure_request_approve,
    closure_request_create,
)
from amparo.core.concurrency import ConflictError, StaleVersionError
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_withdraw
from amparo.testing.factories import MembershipFactory
from amparo.testing.races import at_once, one_wins, race

pytestmark = race


def events(code: str) -> int:
    return AuditEvent.objects.filter(code=code).count()


def test_one_case_closed_twice(cast):
    seen = cast.case.version
    cases = [Case.objects.get(pk=cast.case.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda case=case, reason=reason: case_close(
                actor=cast.supervisor,
                case=case,
                expected_version=seen,
                reason=reason,
                override_reason="Family moved abroad; no contact possible",
            )
            for case, reason in zip(cases, ("relocated", "referred"), strict=True)
        )
    )
    winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict == {"status": ["This case is already closed."]}
    stored = Case.objects.get(pk=cast.case.pk)
    assert (stored.closure_reason, stored.version) == (winner.closure_reason, seen + 1)
    assert events("case.closure_override") + events("case.closed") == 1


def test_one_worker_assigned_twice(cast):
    newcomer = MembershipFactory(organisation=cast.lex, role=Role.COUNSELLOR).user
    cases = [Case.objects.get(pk=cast.case.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda case=case: case_assign(actor=cast.supervisor, case=case, user_id=newcomer.pk)
            for case in cases
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict == {"user": ["This person is already assigned to the case."]}
    assert CaseAssignment.objects.filter(user=newcomer, ended_at__isnull=True).count() == 1
    assert events("case.assigned") == 2  # the intake's own assignment, and this one


def test_one_consent_withdrawn_twice(cast):
    grant = ConsentGrant.objects.filter(survivor_id=cast.case.survivor_id).first()
    outcomes = at_once(
        *(
            lambda: consent_withdraw(
                actor=cast.caseworker, case=cast.case, consent_id=grant.pk, expected_version=1
            )
            for _ in range(2)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.messages == ["This consent was already withdrawn."]
    assert ConsentGrant.objects.get(pk=grant.pk).version == 2
    assert events("consent.withdrawn") == 1


def test_stale_version_type_is_not_a_validation_error():
    """The two refusals stay distinct: a stale version is not mistaken for bad input."""
    assert not issubclass(StaleVersionError, ValidationError)


def test_two_supervisors_approving_at_once_close_the_case_once(cast):
    request = closure_request_create(
        actor=cast.caseworker,
        case=cast.case,
        reason="relocated",
        justification="The family moved abroad (fictional).",
    )
    copies = [ClosureRequest.objects.get(pk=request.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda copy=copy, who=who: closure_request_approve(actor=who, closure_request=copy)
            for copy, who in zip(copies, (cast.supervisor, cast.admin), strict=True)
        )
    )
    winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.message_dict == {"status": ["This closure request has already been decided."]}
    assert ClosureRequest.objects.get().decided_by == winner.decided_by
    assert AuditEvent.objects.filter(code="case.closure_approved").count() == 1
    assert AuditEvent.objects.filter(code="case.closure_override").count() == 1
