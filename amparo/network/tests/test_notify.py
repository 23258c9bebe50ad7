"""Notifications and emails name a referral or transfer by its reference, never the survivor.

Email leaves the system, so whatever reaches an inbox must be safe to read by
anyone: no name, pseudonym, case code, message, place or any other detail.
"""

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.inputs import GoalInput, ServiceInput
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.placements import facility_create
from amparo.network import vocab
from amparo.network.inputs import TransferInput
from amparo.network.models import Notification
from amparo.network.services.referrals import (
    partner_assessment_record,
    partner_care_plan_approve,
    partner_care_plan_draft,
    partner_care_plan_submit,
    partner_placement_start,
    partner_service_record,
    referral_complete,
    referral_decline,
    referral_revoke,
)
from amparo.network.services.transfers import (
    transfer_accept,
    transfer_cancel,
    transfer_decline,
    transfer_request,
)
from amparo.network.tests.conftest import share_consent
from amparo.network.vocab import NotificationKind
from amparo.people.services import consent_withdraw
from amparo.testing.api import api_client

TODAY = timezone.localdate()
ALL_SECTIONS = sorted(vocab.ALL_SECTIONS)
SECRET_MESSAGE = "Fictional secret message about Mariposa at Calle Ficticia"


def survivor_details(net) -> list[str]:
    """Everything about the fictional survivor that must never reach a notification."""
    case = net.cast.case
    identity = case.survivor.identity
    return [
        case.survivor.pseudonym,
        "Mariposa",
        identity.given_names,
        identity.family_names,
        "Testa",
        identity.phone,
        identity.national_id,
        identity.address,
        identity.narrative,
        "Escuintla",
        "Puerto Ficticio",
        case.code,
        SECRET_MESSAGE,
        "Fictional secret",
    ]


def every_notification(net) -> None:
    """Drive every kind of notification the network sends."""
    cast = net.cast
    partner = cast.partner_caseworker
    first = net.accepted(message=SECRET_MESSAGE, services=["psychosocial", "shelter"])
    shelter = facility_create(
        actor=cast.partner_supervisor,
        name="Casa Socia",
        kind="shelter",
        admin1="Izabal",
        capacity=2,
    )
    partner_placement_start(
        actor=partner, referral=first, facility_id=shelter.pk, started_on=TODAY, reason="emergency"
    )  # placed
    partner_service_record(
        actor=partner,
        referral=first,
        data=ServiceInput(
            service_type="psychosocial", status="provided", started_on=TODAY, notes=SECRET_MESSAGE
        ),
    )  # service recorded
    instrument = active_instrument(organisation_id=cast.refugio.pk)
    partner_assessment_record(
        actor=partner,
        referral=first,
        assessed_on=TODAY,
        scores={i.code: 3 for d in instrument.domains.all() for i in d.items.all()},
        notes=SECRET_MESSAGE,
    )  # assessed
    goal = GoalInput(
        domain=instrument.domains.first().code,
        description=SECRET_MESSAGE,
        target_on=TODAY + datetime.timedelta(days=30),
    )
    plan = partner_care_plan_draft(
        actor=partner,
        referral=first,
        summary=SECRET_MESSAGE,
        review_due_on=TODAY + datetime.timedelta(days=30),
        goals=[goal],
    )
    partner_care_plan_submit(actor=partner, referral=first, plan_id=plan.pk)  # plan pending
    partner_care_plan_approve(
        actor=cast.partner_supervisor, referral=first, plan_id=plan.pk
    )  # plan approved
    referral_complete(actor=partner, referral=first, expected_version=2)  # completed
    second = net.send(message=SECRET_MESSAGE)
    referral_decline(
        actor=partner, referral=second, expected_version=1, reason="other", note=SECRET_MESSAGE
    )  # declined
    third = net.accepted(message=SECRET_MESSAGE)
    referral_revoke(
        actor=cast.caseworker, referral=third, expected_version=2, note=SECRET_MESSAGE
    )  # ended
    net.accepted(message=SECRET_MESSAGE)
    consent_withdraw(
        actor=cast.caseworker, case=cast.case, consent_id=net.consent.pk, expected_version=1
    )  # ended by the withdrawal
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    declined = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk, SECRET_MESSAGE)
    )  # transfer received
    transfer_decline(
        actor=cast.partner_supervisor, transfer=declined, expected_version=1, note=SECRET_MESSAGE
    )  # transfer declined
    cancelled = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk, SECRET_MESSAGE)
    )
    transfer_cancel(actor=cast.supervisor, transfer=cancelled, expected_version=1)  # cancelled
    moved = transfer_request(
        actor=cast.supervisor,
        case=cast.case,
        data=TransferInput(cast.refugio.pk, SECRET_MESSAGE, keep_sections=["notes"]),
    )
    transfer_accept(actor=cast.partner_supervisor, transfer=moved, expected_version=1)


def test_emails_carry_only_a_reference_and_a_link(
    net, settings, django_capture_on_commit_callbacks
):
    settings.AMPARO_NOTIFY_BY_EMAIL = True
    details = survivor_details(net)
    with django_capture_on_commit_callbacks(execute=True):
        every_notification(net)
    kinds = set(Notification.objects.values_list("kind", flat=True))
    # The case kinds (assignments, approvals, overdue work): test_notify_work.py.
    assert kinds == {k for k in NotificationKind.values if k.startswith(("referral.", "transfer."))}
    assert mail.outbox
    for email in mail.outbox:
        text = f"{email.subject}\n{email.body}"
        for detail in details:
            assert detail not in text, (detail, text)
        assert re.search(r"\((REF|TRF)-\d{6}\)$", email.subject), email.subject
        assert re.search(r"/(referrals|transfers)/\d+/", email.body), email.body
        # Nor the organisations' names: only "something is waiting, here".
        for org in (net.cast.lex.name, net.cast.refugio.name):
            assert org not in text


def test_a_notification_stores_no_text_at_all(net):
    every_notification(net)
    stored = {f.attname for f in Notification._meta.concrete_fields}
    assert stored == {
        "id",
        "created_at",
        "updated_at",
        "user_id",
        "kind",
        "referral_id",
        "transfer_id",
        "case_id",
        "task_id",
        "day",
        "read_at",
        "emailed_at",
    }


def test_the_notification_list_shows_no_survivor_detail(net, client):
    every_notification(net)
    details = survivor_details(net)
    for user in (net.cast.caseworker, net.cast.supervisor, net.cast.partner_supervisor):
        assert Notification.objects.filter(user=user).exists()
        client.force_login(user)
        page = client.get(reverse("notification_list")).content.decode()
        api = api_client(user).get("/api/v1/notifications/").content.decode()
        for detail in details:
            assert detail not in page and detail not in api, (user, detail)


def test_no_email_without_a_recipient_address(net, settings, django_capture_on_commit_callbacks):
    settings.AMPARO_NOTIFY_BY_EMAIL = True
    net.cast.partner_supervisor.email = ""
    net.cast.partner_supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        net.send()
    assert Notification.objects.filter(user=net.cast.partner_supervisor).exists()
    assert mail.outbox == []
