"""Network lists over the API: paginated, filtered as the pages are, and a constant
number of queries whether they hold two rows or twenty."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.accounts.roles import Role
from amparo.network import selectors
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.network.tests.conftest import pending_transfer, share_consent
from amparo.testing.factories import MembershipFactory, OrganisationFactory

STATUSES = ["pending", "accepted", "declined", "revoked", "completed"]
URGENCIES = ["routine", "urgent", "emergency"]


def add_referrals(net, n: int) -> list[Referral]:
    """``n`` referrals of Lex's case to Refugio, of every status and urgency in turn."""
    cast = net.cast
    kinds = itertools.cycle(itertools.product(STATUSES, URGENCIES))
    return [
        Referral.objects.create(
            case=cast.case,
            from_org=cast.lex,
            to_org=cast.refugio,
            services=["medical"],
            sections=["incidents"],
            status=status,
            urgency=urgency,
            sent_by=cast.caseworker,
            assigned_to=cast.partner_caseworker if status != "pending" else None,
            sent_at=timezone.now() - datetime.timedelta(hours=i),
        )
        for i, (status, urgency) in zip(range(n), kinds, strict=False)
    ]


def add_transfers(net, n: int) -> None:
    first = Transfer.objects.first() or pending_transfer(net)
    for _ in range(n - Transfer.objects.count()):
        Transfer.objects.create(
            case=first.case,
            from_org=first.from_org,
            to_org=first.to_org,
            consent=first.consent,
            agreement=first.agreement,
            requested_by=first.requested_by,
            previous_code=first.previous_code,
            status="declined",
        )


def add_agreements(net, n: int) -> None:
    for i in range(n - PartnerAgreement.objects.filter(organisation=net.cast.lex).count()):
        PartnerAgreement.objects.create(
            organisation=net.cast.lex,
            partner=net.cast.tercera if i % 2 else net.cast.refugio,
            approved_by="Fictional Board",
            effective_from=timezone.localdate() - datetime.timedelta(days=400 + i),
            effective_until=timezone.localdate() - datetime.timedelta(days=i + 1),
            recorded_by=net.cast.admin,
        )


def add_notifications(net, n: int) -> None:
    referral = Referral.objects.first() or net.send()
    transfer = Transfer.objects.first() or pending_transfer(net)
    user = net.cast.partner_supervisor
    for i in range(n - Notification.objects.filter(user=user).count()):
        about = {"referral": referral} if i % 2 else {"transfer": transfer}
        Notification.objects.create(
            user=user,
            kind="referral.received" if i % 2 else "transfer.received",
            read_at=timezone.now() if i % 3 == 0 else None,
            **about,
        )


def add_colleagues(net, n: int) -> None:
    for i in range(n):
        MembershipFactory(organisation=net.cast.refugio, role=Role.CASEWORKER,
                          user__full_name=f"Colleague {i:02d}")  # fmt: skip


def add_organisations(net, n: int) -> None:
    start = Organisation.objects.count()
    for i in range(start, start + n):
        OrganisationFactory(name=f"Fictional Partner {i:02d}", code=f"FP{i:02d}")


def add_partners(net, n: int) -> None:
    """``n`` more partners under a current agreement with Lex, each with a consent to share."""
    cast = net.cast
    start = Organisation.objects.count()
    for i in range(start, start + n):
        partner = OrganisationFactory(name=f"Fictional Partner {i:02d}", code=f"FP{i:02d}")
        PartnerAgreement.objects.create(
            organisation=cast.lex,
            partner=partner,
            approved_by="Fictional Board",
            effective_from=timezone.localdate(),
            recorded_by=cast.admin,
        )
        share_consent(cast, partner, ["incidents"])


# (the list, who reads it, its parameters, what fills it with n rows, the rows it then has)
LISTS = {
    "referrals_received": (
        "/api/v1/referrals/", "partner_supervisor", {"box": "received"}, add_referrals,
    ),
    "referrals_sent": ("/api/v1/referrals/", "caseworker", {"box": "sent"}, add_referrals),
    "referrals_filtered": (
        "/api/v1/referrals/", "supervisor", {"box": "sent", "urgency": "urgent"},
        add_referrals,
    ),
    "case_referrals": ("/api/v1/cases/{case}/referrals/", "caseworker", {}, add_referrals),
    "transfers": ("/api/v1/transfers/", "supervisor", {}, add_transfers),
    "case_transfers": ("/api/v1/cases/{case}/transfers/", "supervisor", {}, add_transfers),
    "agreements": ("/api/v1/agreements/", "admin", {}, add_agreements),
    "notifications": ("/api/v1/notifications/", "partner_supervisor", {}, add_notifications),
    "colleagues": ("/api/v1/referrals/colleagues/", "partner_supervisor", {}, add_colleagues),
    "agreement_partners": ("/api/v1/agreements/partners/", "admin", {}, add_organisations),
    "referral_partners": (
        "/api/v1/cases/{case}/referral-partners/", "caseworker", {}, add_partners,
    ),
}  # fmt: skip


def _queries(client, path: str, params: dict) -> tuple[int, int]:
    client.get(path, params)  # the session, the membership and the throttle are warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("name", LISTS)
def test_queries_do_not_grow_with_the_rows(net, name):
    path, reader, params, fill = LISTS[name]
    path = path.format(case=net.cast.case.pk)
    client = net.cast.client(reader)
    fill(net, 2)
    few, few_rows = _queries(client, path, params)
    fill(net, 20)
    many, many_rows = _queries(client, path, params)
    assert many_rows > few_rows >= 1, (few_rows, many_rows)
    assert many == few, (name, few, many)


@pytest.mark.parametrize("name", LISTS)
def test_lists_paginate(net, name):
    path, reader, params, fill = LISTS[name]
    path = path.format(case=net.cast.case.pk)
    fill(net, 6)
    client = net.cast.client(reader)
    total = client.get(path, params).json()["count"]
    assert total >= 2
    first = client.get(path, {**params, "page_size": 1}).json()
    assert first["count"] == total and len(first["results"]) == 1 and first["next"]
    second = client.get(path, {**params, "page_size": 1, "page": 2}).json()
    assert second["previous"] and second["results"] != first["results"]
    assert client.get(path, {**params, "page": 99}).status_code == 404


FILTERS = [
    {"box": box, "status": status, "urgency": urgency}
    for box in ("received", "sent")
    for status in ("", "pending", "accepted", "revoked")
    for urgency in ("", "routine", "emergency")
]


@pytest.mark.parametrize("reader", ["partner_supervisor", "supervisor"])
def test_the_api_filters_as_the_inbox_page_does(net, client, reader):
    referrals = add_referrals(net, 15)
    user = net.cast.user(reader)
    api = net.cast.client(reader)
    client.force_login(user)
    for filters in FILTERS:
        listed = {row["id"] for row in api.get("/api/v1/referrals/", filters).json()["results"]}
        expected = {r.pk for r in selectors.referral_list(user=user, **filters)}
        assert listed == expected, filters
        page = client.get(reverse("referral_inbox"), filters).content.decode()
        for referral in referrals:
            assert (referral.reference in page) == (referral.pk in listed), (filters, referral)
    # Each side sees its own box and nothing of the other's.
    mine = "received" if reader.startswith("partner") else "sent"
    other = "sent" if mine == "received" else "received"
    assert api.get("/api/v1/referrals/", {"box": mine}).json()["count"] == 15
    assert api.get("/api/v1/referrals/", {"box": other}).json()["count"] == 0


def test_a_third_organisation_lists_nothing_of_lex_and_refugio(net):
    add_referrals(net, 5)
    add_transfers(net, 3)
    add_notifications(net, 3)
    third = net.cast.client("third_supervisor")
    for path, params in [
        ("/api/v1/referrals/", {"box": "received"}),
        ("/api/v1/referrals/", {"box": "sent"}),
        ("/api/v1/transfers/", {}),
        ("/api/v1/agreements/", {}),
        ("/api/v1/notifications/", {}),
    ]:
        assert third.get(path, params).json()["count"] == 0, path
    for path in ("referrals", "transfers", "referral-partners"):
        assert third.get(f"/api/v1/cases/{net.cast.case.pk}/{path}/").status_code == 404
