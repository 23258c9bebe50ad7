"""The demo's partner network looks like one the services would have written."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from amparo.accounts.models import Membership, Organisation
from amparo.accounts.roles import Role
from amparo.aftercare.models import Service
from amparo.audit.models import AuditEvent
from amparo.network import access
from amparo.network.models import Notification, PartnerAgreement, Referral
from amparo.network.vocab import ReferralStatus
from amparo.people.models import ConsentGrant
from amparo.people.vocab import Section
from amparo.reporting.network import network_report
from amparo.testing.shared import rolled_back

SURVIVORS = 40


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """One seed shared by this module's tests, rolled back after them."""
    with rolled_back(django_db_blocker):
        call_command("seed", survivors=SURVIVORS, stdout=StringIO())
        yield


@pytest.fixture
def seeded(seeded_once, db) -> None:
    return seeded_once


def test_every_two_organisations_have_a_current_agreement(seeded):
    organisations = list(Organisation.objects.all())
    current = set(PartnerAgreement.objects.current().values_list("organisation", "partner"))
    assert current == {(a.pk, b.pk) for a in organisations for b in organisations if a != b}
    assert PartnerAgreement.objects.filter(ended_at__isnull=False).count() == 1


def test_consents_to_share_name_a_recipient_and_sections(seeded):
    grants = ConsentGrant.objects.filter(scope="share")
    assert grants.exists()
    for grant in grants.select_related("survivor"):
        assert grant.recipient_id and grant.recipient_id != grant.survivor.organisation_id
        assert {Section.INCIDENTS, Section.CARE_PLAN} <= set(grant.sections) <= set(Section.values)
    assert not ConsentGrant.objects.exclude(scope="share").exclude(sections=[]).exists()


def test_referrals_in_every_status_rest_on_consent_and_agreement(seeded):
    referrals = list(Referral.objects.select_related("consent", "agreement", "case"))
    assert {r.status for r in referrals} == set(ReferralStatus.values)
    for r in referrals:
        assert r.case.organisation_id == r.from_org_id
        assert r.consent.recipient_id == r.to_org_id
        assert set(r.sections) <= set(r.consent.sections) and Section.INCIDENTS in r.sections
        assert (r.agreement.organisation_id, r.agreement.partner_id) == (r.from_org_id, r.to_org_id)
        assert r.sent_at.date() >= r.consent.given_on
        if r.status == ReferralStatus.DECLINED:
            assert r.decline_reason and r.responded_at
        if r.status == ReferralStatus.PENDING:
            assert r.responded_at is None and r.assigned_to is None
        if r.responded_at:
            delay = r.responded_at - r.sent_at
            assert datetime.timedelta(hours=1) <= delay <= datetime.timedelta(days=7)
        if r.status in (ReferralStatus.REVOKED, ReferralStatus.COMPLETED):
            assert r.ended_at and r.ended_at >= (r.responded_at or r.sent_at)
        if r.status == ReferralStatus.REVOKED:
            assert r.end_reason
        assert "demo" in r.message.lower()
    # An accepted referral gives access now, as the services would have left it.
    accepted = {r.pk for r in referrals if r.status == ReferralStatus.ACCEPTED}
    assert accepted and accepted <= set(access.live_referrals().values_list("pk", flat=True))


def test_partners_deliver_services_on_referred_cases(seeded):
    answered = Referral.objects.filter(assigned_to__isnull=False)
    for referral in answered:
        assert Service.objects.filter(case=referral.case, provider=referral.to_org).exists()
    by_partner = Service.objects.exclude(provider_id=F("case__organisation_id"))
    assert by_partner.count() >= answered.count()
    assert AuditEvent.objects.filter(code="referral.sent").count() == Referral.objects.count()
    assert AuditEvent.objects.filter(code="service.recorded").exists()


def test_notifications_about_pending_and_answered_referrals(seeded):
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert "referral.received" in kinds and len(kinds) >= 2
    for note in Notification.objects.select_related("referral"):
        # Each is about something: a referral, a transfer or a case (an assignment, an
        # approval asked), or a daily notice of overdue work.
        about = (note.referral_id, note.transfer_id, note.case_id, note.day)
        assert any(value is not None for value in about)
        if note.kind.startswith("referral."):
            assert note.referral is not None
        assert Membership.objects.filter(user=note.user).exists()


def test_the_network_dashboard_has_figures(seeded, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    totals = {"sent": 0, "received": 0, "by_partners": 0, "by_us": 0}
    for org in Organisation.objects.all():
        analyst = Membership.objects.get(organisation=org, role=Role.DATA_ANALYST).user
        report = network_report(user=analyst)
        referrals = report.table("referrals").row("all")
        services = report.table("services").row("all")
        totals["sent"] += referrals["sent"].value
        totals["received"] += referrals["received"].value
        totals["by_partners"] += services["by_partners"].value
        totals["by_us"] += services["by_us"].value
    assert totals["sent"] == totals["received"] > 0
    # The field aims for most of the work on a referred case to be partner-led.
    assert totals["by_partners"] > 0
