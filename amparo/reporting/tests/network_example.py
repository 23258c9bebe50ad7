"""A partner network small enough to check by hand, on fixed dates (March 2024)."""

import datetime

import pytest
from django.utils import timezone

from amparo.aftercare.models import Service
from amparo.cases.services import intake_submit
from amparo.network.models import Referral
from amparo.reporting.periods import Period
from amparo.testing.factories import intake_input

MARCH = Period(datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))


def at(day: str, clock: str = "12:00") -> datetime.datetime:
    """A local moment (the organisation's time zone)."""
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T{clock}"))


def refer(net, from_org, to_org, status, *, sent_at, answer_hours=None, case=None):
    """A referral as it would stand after the services ran (dates set for the example)."""
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


def serve(net, case, provider, service_type, started_on: str) -> Service:
    return Service.objects.create(
        case=case,
        service_type=service_type,
        provider=provider,
        status="provided",
        started_on=datetime.date.fromisoformat(started_on),
        created_by=net.cast.caseworker,
    )


@pytest.fixture
def example(net):
    """Lex's network in March 2024, with a few records just inside and outside the periods."""
    cast = net.cast
    lex, refugio, tercera = cast.lex, cast.refugio, cast.tercera
    refugio_case = intake_submit(actor=cast.partner_caseworker, data=intake_input())
    # Sent by Lex in March: answered after 12 h, 1, 2, 3 and 4 days (median 2); 4 of 5 accepted.
    # The pending one is sent late on the last local day (already April in UTC).
    refer(net, lex, refugio, "pending", sent_at=at("2024-03-31", "23:30"))
    refer(net, lex, refugio, "accepted", sent_at=at("2024-03-05"), answer_hours=24)
    refer(net, lex, refugio, "declined", sent_at=at("2024-03-06"), answer_hours=72)
    refer(net, lex, refugio, "completed", sent_at=at("2024-03-07"), answer_hours=48)
    # Revoked after it was accepted, and revoked while still pending.
    refer(net, lex, refugio, "revoked", sent_at=at("2024-03-08"), answer_hours=12)
    refer(net, lex, refugio, "revoked", sent_at=at("2024-03-09"))
    refer(net, lex, tercera, "accepted", sent_at=at("2024-03-10"), answer_hours=96)
    # The previous period ends on 29 February; the same period a year before on 31 March 2023.
    refer(net, lex, refugio, "accepted", sent_at=at("2024-02-29", "23:30"), answer_hours=1)
    refer(net, lex, refugio, "declined", sent_at=at("2023-03-31", "23:59"), answer_hours=1)
    refer(net, lex, refugio, "pending", sent_at=at("2023-04-01", "00:00"))  # in no period
    # Received by Lex: answered after 12 h and 36 h (median 1 day); 1 of 2 accepted.
    refer(
        net,
        refugio,
        lex,
        "accepted",
        sent_at=at("2024-03-01", "00:30"),
        answer_hours=12,
        case=refugio_case,
    )
    refer(
        net, refugio, lex, "declined", sent_at=at("2024-03-12"), answer_hours=36, case=refugio_case
    )
    # Between two other organisations: never Lex's figures.
    refer(
        net,
        refugio,
        tercera,
        "accepted",
        sent_at=at("2024-03-12"),
        answer_hours=1,
        case=refugio_case,
    )
    # Services on Lex's case: 4 by partners, 2 by Lex; 1 by Lex on Refugio's case.
    for provider, kind in (
        (refugio, "psychosocial"),
        (refugio, "psychosocial"),
        (refugio, "medical"),
        (tercera, "legal"),
        (lex, "legal"),
        (lex, "psychosocial"),
    ):
        serve(net, cast.case, provider, kind, "2024-03-15")
    serve(net, refugio_case, lex, "legal", "2024-03-31")
    serve(net, refugio_case, refugio, "psychosocial", "2024-03-15")  # Refugio's own work
    serve(net, cast.case, refugio, "medical", "2023-03-15")  # a year before
    serve(net, cast.case, lex, "shelter", "2024-02-29")  # the previous period
    serve(net, cast.case, lex, "shelter", "2024-01-29")  # the day before the previous period
    return net
