import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.justice.inputs import AccusedInput, LegalCaseInput
from amparo.justice.models import Court, LegalCase
from amparo.justice.selectors import legal_case_get_for_user, visible_legal_cases
from amparo.justice.services import accused_add, legal_case_open
from amparo.reporting.justice import JusticeFilters, justice_report
from amparo.testing.factories import intake_input

# Who may open Lex's legal case: the lawyer on it, the caseworker assigned to the victim, supervisor, admin.
MAY_OPEN_LEGAL_CASE = {"lawyer", "caseworker", "supervisor", "admin"}


def test_standing_cast_access(cast, legal_case):
    for name, user in cast.everyone().items():
        if name in MAY_OPEN_LEGAL_CASE:
            assert legal_case_get_for_user(user=user, legal_case_id=legal_case.pk) == legal_case
            assert AuditEvent.objects.filter(actor=user, code="legal.viewed").exists()
        else:
            with pytest.raises(Http404):
                legal_case_get_for_user(user=user, legal_case_id=legal_case.pk)
            assert list(visible_legal_cases(user=user)) == []


def test_indicators_for_analyst_not_for_frontline_or_outsiders(cast, legal_case):
    def complaints(user):
        # The legal case's complaint is 400 days old: a period of three years holds it.
        filters = JusticeFilters(start=timezone.localdate() - datetime.timedelta(days=1100))
        report = justice_report(user=user, filters=filters, suppress=False)
        return report.table("headline").cell("filed", "current").value

    assert complaints(cast.analyst) == 1
    for user in (cast.caseworker, cast.lawyer, cast.outsider):
        with pytest.raises(PermissionDenied):
            justice_report(user=user, filters=JusticeFilters(), suppress=False)
    # Another organisation's analyst-like role sees only its own (none).
    assert complaints(cast.partner_supervisor) == 0


def test_cannot_attach_another_organisations_case(cast):
    from django.core.exceptions import ValidationError

    from amparo.cases.services import intake_submit
    from amparo.testing.factories import MembershipFactory

    partner_worker = MembershipFactory(organisation=cast.refugio, role="caseworker").user
    their_case = intake_submit(actor=partner_worker, data=intake_input())
    with pytest.raises(ValidationError) as info:
        legal_case_open(
            actor=cast.supervisor,
            data=LegalCaseInput(
                title="x",
                court_id=Court.objects.first().pk,
                offence_category="trafficking",
                victim_case_ids=[their_case.pk],
                complaint_on=timezone.localdate(),
            ),
        )
    assert "victim_case_ids" in info.value.message_dict
    assert LegalCase.objects.count() == 0


def test_accused_identity_is_encrypted_and_pseudonym_shown(cast, legal_case):
    from django.db import connection

    accused = accused_add(
        actor=cast.lawyer,
        legal_case=legal_case,
        data=AccusedInput(pseudonym="El Lobo", full_name="Fictional Accused Name"),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM justice_accused WHERE id = %s", [accused.pk])
        raw = cursor.fetchone()[0]
    assert "Fictional" not in raw and str(accused) == "El Lobo"
