"""Network indicators: a hand-checked example, suppression, who may see them, CSV and API."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import Service
from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.network.models import Referral
from amparo.reporting.network import median, network_indicators
from amparo.reporting.periods import Period
from amparo.testing.api import api_client
from amparo.testing.factories import intake_input

NOW = timezone.now()
TODAY = timezone.localdate()


def api_get(user, params=None):
    """GET /api/v1/network/indicators/ as ``user`` (None: signed out)."""
    response = api_client(user).get(reverse("api-network-indicators"), params or {})
    response.data = response.json()
    return response


def refer(net, from_org, to_org, status, *, days_ago=10, answer_hours=None, case=None):
    """A referral as it would stand after the services ran (dates set for the example)."""
    sent_at = NOW - datetime.timedelta(days=days_ago)
    return Referral.objects.create(
        case=case or net.cast.case,
        from_org=from_org,
        to_org=to_org,
        services=["psychosocial"],
        status=status,
        sent_by=net.cast.caseworker,
        sent_at=sent_at,
        responded_at=None
        if answer_hours is None
        else sent_at + datetime.timedelta(hours=answer_hours),
        decline_reason="capacity" if status == "declined" else "",
    )


def serve(net, case, provider, service_type, *, days_ago=5):
    return Service.objects.create(
        case=case,
        service_type=service_type,
        provider=provider,
        status="provided",
        started_on=TODAY - datetime.timedelta(days=days_ago),
        created_by=net.cast.caseworker,
    )


@pytest.fixture
def example(net):
    """Lex's network over the last year, small enough to check by hand."""
    cast = net.cast
    lex, refugio, tercera = cast.lex, cast.refugio, net.cast.tercera
    refugio_case = intake_submit(actor=cast.partner_caseworker, data=intake_input())
    # Sent by Lex: answered after 12 h, 1, 2, 3 and 4 days (median 2); 4 of 5 accepted.
    refer(net, lex, refugio, "pending", days_ago=2)
    refer(net, lex, refugio, "accepted", answer_hours=24)
    refer(net, lex, refugio, "declined", answer_hours=72)
    refer(net, lex, refugio, "completed", answer_hours=48)
    refer(net, lex, refugio, "revoked", answer_hours=12)  # revoked after it was accepted
    refer(net, lex, refugio, "revoked")  # revoked while pending
    refer(net, lex, tercera, "accepted", answer_hours=96)
    refer(net, lex, refugio, "accepted", days_ago=400, answer_hours=1)  # before the period
    # Received by Lex: answered after 12 h and 36 h (median 1 day); 1 of 2 accepted.
    refer(net, refugio, lex, "accepted", answer_hours=12, case=refugio_case)
    refer(net, refugio, lex, "declined", answer_hours=36, case=refugio_case)
    # Between two other organisations: never Lex's figures.
    refer(net, refugio, tercera, "accepted", answer_hours=1, case=refugio_case)
    # Services on Lex's case: 4 by partners, 2 by Lex; 1 by Lex on Refugio's case.
    for provider, kind in (
        (refugio, "psychosocial"),
        (refugio, "psychosocial"),
        (refugio, "medical"),
        (tercera, "legal"),
        (lex, "legal"),
        (lex, "psychosocial"),
    ):
        serve(net, cast.case, provider, kind)
    serve(net, refugio_case, lex, "legal")
    serve(net, refugio_case, refugio, "psychosocial")  # Refugio's own work
    serve(net, cast.case, refugio, "medical", days_ago=400)  # before the period
    return net


def test_hand_checked_example(example, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    cast = example.cast
    ind = network_indicators(user=cast.analyst)
    assert ind.period == Period(TODAY - datetime.timedelta(days=365), TODAY)
    sent = {s.status: s.count.value for s in ind.sent.by_status}
    assert sent == {"pending": 1, "accepted": 2, "declined": 1, "revoked": 2, "completed": 1}
    assert (ind.sent.total.value, ind.sent.answered.value, ind.sent.accepted.value) == (7, 5, 4)
    assert ind.sent.acceptance_rate == 0.8
    assert ind.sent.median_response_days == 2.0
    received = {s.status: s.count.value for s in ind.received.by_status}
    assert received == {"pending": 0, "accepted": 1, "declined": 1, "revoked": 0, "completed": 0}
    assert ind.received.acceptance_rate == 0.5
    assert ind.received.median_response_days == 1.0
    assert [(p.name, p.sent_to.value, p.received_from.value) for p in ind.partners] == [
        (cast.refugio.name, 6, 2),
        (example.cast.tercera.name, 1, 0),
    ]
    assert (ind.services_by_partners.value, ind.services_by_us.value) == (4, 2)
    assert ind.partner_share == pytest.approx(4 / 6)
    assert ind.services_for_partners.value == 1
    assert [
        (r.service_type, r.by_partners.value, r.by_us.value, r.for_partners.value)
        for r in ind.service_types
    ] == [("medical", 1, 0, 0), ("psychosocial", 2, 1, 0), ("legal", 1, 1, 1)]
    # A period reaching back a year earlier takes in the older referral and service.
    longer = network_indicators(
        user=cast.supervisor, period=Period(TODAY - datetime.timedelta(days=500), TODAY)
    )
    assert longer.sent.total.value == 8 and longer.services_by_partners.value == 5
    # The partner sees its own side of the same referrals, and none of Lex's services.
    theirs = network_indicators(user=cast.partner_supervisor)
    assert (theirs.received.total.value, theirs.sent.total.value) == (6, 3)
    assert theirs.services_for_partners.value == 3 and theirs.services_by_us.value == 1


def test_small_cells_are_suppressed_with_the_default(example):
    ind = network_indicators(user=example.cast.supervisor)
    assert ind.suppressed and ind.sent.total.suppressed and str(ind.sent.total) == "[c]"
    assert ind.sent.acceptance_rate is None and ind.sent.median_response_days is None
    assert ind.partner_share is None and ind.services_by_partners.suppressed
    assert all(p.sent_to.suppressed for p in ind.partners)
    # Zero is not a small cell: nothing to hide.
    pending = next(s for s in ind.received.by_status if s.status == "pending")
    assert pending.count.value == 0 and not pending.count.suppressed


def test_median_of_counted_values():
    from collections import Counter

    assert median(Counter()) is None
    assert median(Counter({5.0: 1})) == 5.0
    assert median(Counter({1.0: 2, 3.0: 2})) == 2.0
    assert median(Counter({1.0: 1, 2.0: 5, 9.0: 1})) == 2.0


@pytest.mark.parametrize("who", ["supervisor", "analyst", "admin"])
def test_page_for_aggregate_roles(example, client, who, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(getattr(example.cast, who))
    response = client.get(reverse("network_dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "<script" not in body.split("</head>")[1]
    assert '<dd id="partner-share">67%</dd>' in body
    assert example.cast.refugio.name in body and example.cast.tercera.name in body
    assert "Mariposa" not in body and example.cast.case.code not in body


def test_page_is_suppressed_and_shows_an_empty_state(example, client):
    client.force_login(example.cast.analyst)
    body = client.get(reverse("network_dashboard")).content.decode()
    assert "[c]" in body and "67%" not in body
    empty = client.get(reverse("network_dashboard"), {"start": "2001-01-01", "end": "2001-12-31"})
    assert "No referrals and no services in this period yet." in empty.content.decode()
    bad = client.get(reverse("network_dashboard"), {"start": "2024-05-01", "end": "2024-01-01"})
    assert "The end of the period is before its start." in bad.content.decode()


@pytest.mark.parametrize("who", ["caseworker", "lawyer", "counsellor"])
def test_page_refused_to_frontline_roles(net, client, who):
    client.force_login(getattr(net.cast, who))
    assert client.get(reverse("network_dashboard")).status_code == 403
    assert client.get(reverse("network_csv")).status_code == 403


def test_page_refused_to_outsiders_and_anonymous(net, client):
    assert client.get(reverse("network_dashboard")).status_code == 302
    client.force_login(net.cast.outsider)
    assert client.get(reverse("network_dashboard")).status_code == 403
    with pytest.raises(PermissionDenied):
        network_indicators(user=net.cast.caseworker)


def test_csv_is_suppressed_and_audited(example, client):
    client.force_login(example.cast.analyst)
    response = client.get(reverse("network_csv"), {"start": str(TODAY - datetime.timedelta(30))})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    values = {(section, item): value for section, item, value in rows}
    assert values[("referrals_sent", "total")] == "[c]"
    assert values[("referrals_sent", "acceptance rate")] == "—"
    assert values[("referrals_received", "pending")] == "0"
    assert values[("referrals_sent_to", example.cast.refugio.name)] == "[c]"
    assert values[("services_on_our_cases", "partner share")] == "—"
    event = AuditEvent.objects.get(code="indicators.exported")
    assert event.actor == example.cast.analyst and "network csv" in event.reason


def test_csv_exact_at_or_above_the_minimum(example, client, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(example.cast.supervisor)
    rows = csv.reader(io.StringIO(client.get(reverse("network_csv")).content.decode()))
    values = {(section, item): value for section, item, value in rows}
    assert values[("referrals_sent", "total")] == "7"
    assert values[("referrals_sent", "acceptance rate")] == "80%"
    assert values[("referrals_sent", "median days to response")] == "2"
    assert values[("services_by_partners", "psychosocial")] == "2"


def test_api_is_suppressed_audited_and_refused_without_aggregates(example, settings):
    body = api_get(example.cast.analyst).data
    assert body["suppressed"] is True and body["min_cell"] == 11
    assert body["sent"]["total"] is None and body["sent"]["acceptance_rate"] is None
    assert AuditEvent.objects.filter(code="indicators.exported", actor=example.cast.analyst)
    settings.AMPARO_REPORT_MIN_CELL = 1
    body = api_get(example.cast.supervisor).data
    assert body["sent"]["total"] == 7 and body["sent"]["median_response_days"] == 2.0
    assert body["received"]["acceptance_rate"] == 0.5
    assert body["services_by_partners"] == 4 and body["services_for_partners"] == 1
    assert body["partners"][0]["name"] == example.cast.refugio.name
    bad = api_get(example.cast.analyst, {"start": "2024-05-01", "end": "2024-01-01"})
    assert bad.status_code == 400 and "end" in bad.data
    assert api_get(example.cast.caseworker).status_code == 403
    assert api_get(example.cast.outsider).status_code == 403
    assert api_get(None).status_code in (401, 403)


def test_query_count_does_not_grow_with_the_data(example, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    user = example.cast.analyst
    user.active_membership  # noqa: B018 (cached before counting)
    with CaptureQueriesContext(connection) as few:
        network_indicators(user=user)
    cast = example.cast
    for n in range(30):
        refer(example, cast.lex, cast.refugio, "accepted", answer_hours=n + 1)
        serve(example, cast.case, example.cast.tercera, "education")
        serve(example, cast.case, cast.lex, "shelter")
    with CaptureQueriesContext(connection) as many:
        ind = network_indicators(user=user)
    assert ind.sent.total.value == 37
    assert len(many) == len(few) <= 6
