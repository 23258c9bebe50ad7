"""The reads that used to name nobody now name each survivor, and show in
"who has seen this file" of every survivor concerned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.audit.tests.world import Everything, build_everything
from amparo.testing.api import api_client


@pytest.fixture
def everything(cast) -> Everything:
    return build_everything(cast)


def events(code: str, user) -> list[tuple[int | None, int | None]]:
    return sorted(
        AuditEvent.objects.filter(code=code, actor=user).values_list("case_id", "survivor_id")
    )


def victims(everything: Everything) -> list[tuple[int, int]]:
    cases = (everything.cast.case, everything.second_case)
    return sorted((c.pk, c.survivor_id) for c in cases)


def test_a_legal_case_read_names_each_victim_and_shows_in_each_trail(everything):
    cast, legal_case = everything.cast, everything.legal.legal_case
    lawyer = api_client(cast.lawyer)
    assert lawyer.get(f"/api/v1/legal-cases/{legal_case.pk}/").status_code == 200
    assert events(Code.LEGAL_CASE_VIEWED, cast.lawyer) == victims(everything)

    supervisor = api_client(cast.supervisor)
    trail = supervisor.get(reverse("case_audit", kwargs={"pk": everything.second_case.pk}))
    assert trail.status_code == 200
    assert "Opened a legal case about the survivor" in trail.content.decode()
    assert "Lara Lawyer" in trail.content.decode()


def test_the_accused_reveal_names_each_victim_and_keeps_the_reason_encrypted(everything):
    cast, world = everything.cast, everything.legal
    url = f"/api/v1/legal-cases/{world.legal_case.pk}/accused/{world.accused.pk}/identity/reveal/"
    response = api_client(cast.lawyer).post(
        url, {"reason": "Fictional court summons"}, format="json"
    )
    assert response.status_code == 200
    assert events(Code.ACCUSED_REVEALED, cast.lawyer) == victims(everything)
    reveal = AuditEvent.objects.filter(code=Code.ACCUSED_REVEALED).first()
    assert reveal.reason == "Fictional court summons"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM audit_auditevent WHERE id = %s", [reveal.pk])
        assert "summons" not in str(cursor.fetchone()[0])


def test_the_receiver_reading_a_referral_shows_in_the_senders_trail(everything):
    cast, referral = everything.cast, everything.referral
    response = api_client(cast.partner_caseworker).get(f"/api/v1/referrals/{referral.pk}/")
    assert response.status_code == 200
    assert events(Code.REFERRAL_OPENED, cast.partner_caseworker) == [
        (cast.case.pk, cast.case.survivor_id)
    ]
    trail = api_client(cast.supervisor).get(reverse("case_audit", kwargs={"pk": cast.case.pk}))
    body = trail.content.decode()
    assert "Opened a referral of the file" in body and "Bea Partner" in body


def test_a_refused_read_writes_nothing(everything):
    cast, referral = everything.cast, everything.referral
    before = AuditEvent.objects.count()
    for user in (cast.outsider, cast.analyst, cast.other_caseworker):
        client = api_client(user)
        assert client.get(f"/api/v1/referrals/{referral.pk}/").status_code in (403, 404)
        legal = f"/api/v1/legal-cases/{everything.legal.legal_case.pk}/"
        assert client.get(legal).status_code in (403, 404)
    assert AuditEvent.objects.count() == before


def test_reading_who_has_seen_the_file_is_itself_recorded_in_constant_queries(everything):
    cast = everything.cast
    client = api_client(cast.supervisor)
    url = reverse("case_audit", kwargs={"pk": cast.case.pk})
    assert client.get(url).status_code == 200
    assert events(Code.AUDIT_TRAIL_VIEWED, cast.supervisor) == [
        (cast.case.pk, cast.case.survivor_id)
    ]
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    api_client(cast.lawyer).get(f"/api/v1/legal-cases/{everything.legal.legal_case.pk}/")
    with CaptureQueriesContext(connection) as second:
        assert "Saw who has seen the file" in client.get(url).content.decode()
    assert len(second) == len(first)
    assert AuditEvent.objects.filter(code=Code.AUDIT_TRAIL_VIEWED).count() == 3
