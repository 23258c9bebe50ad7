"""The closure rule as written, through the services: calendar months, an interim
check-in that does not reset it, and the stored status agreeing with closing."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import RestorationStatus
from amparo.aftercare.selectors import restoration_file
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.tests.conftest import all_scores
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.services import case_close

D = datetime.date
TODAY = D(2027, 3, 1)


@pytest.fixture
def case(cast):
    """Lex's case, opened on 1 December 2025, seen from 1 March 2027."""
    noon = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        Case.objects.filter(pk=cast.case.pk).update(opened_on=D(2025, 12, 1))
        cast.case.refresh_from_db()
        yield cast.case


def record(cast, case, *assessments):
    for day, score in assessments:
        assessment_record(
            actor=cast.caseworker, case=case, assessed_on=day, scores=all_scores(case, score)
        )


def test_an_interim_check_in_keeps_the_run_and_the_status_agrees(cast, case):
    record(cast, case, (D(2026, 1, 15), 3), (D(2026, 4, 15), 4))
    assert RestorationStatus.objects.get(case=case).restored_on is None
    record(cast, case, (D(2026, 7, 15), 3))
    assert RestorationStatus.objects.get(case=case).restored_on == D(2026, 7, 15)
    closure = restoration_file(case=case).closure
    assert closure.met and closure.restored_on == D(2026, 7, 15)
    closed = case_close(
        actor=cast.caseworker, case=case, expected_version=case.version, reason="restored"
    )
    assert closed.status == "closed"
    assert AuditEvent.objects.filter(case=case, code="case.closed").count() == 1
    assert not AuditEvent.objects.filter(case=case, code="case.closure_override").exists()


def test_a_failing_assessment_starts_the_six_months_again(cast, case):
    record(cast, case, (D(2026, 1, 15), 3), (D(2026, 4, 15), 2), (D(2026, 7, 15), 3))
    status = RestorationStatus.objects.get(case=case)
    assert status.restored_on is None
    reasons = restoration_file(case=case).closure.reasons
    assert any("six months" in reason for reason in reasons)
    assert any("2027-01-15" in reason for reason in reasons)
    record(cast, case, (D(2027, 1, 20), 3))
    status.refresh_from_db()
    assert status.restored_on == D(2027, 1, 20)


def test_the_instrument_page_says_the_rule_and_schedule_in_words(cast, client):
    client.force_login(cast.user("admin"))
    page = client.get(reverse("instrument_admin"))
    body = page.content.decode()
    assert "at least six months apart" in body and "182" not in body.split("Closure rule")[1]
    assert "then six months after the first assessment, then every 12 months." in body
