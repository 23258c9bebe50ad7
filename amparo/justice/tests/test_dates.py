"""Impossible hearing and stage dates through the API (400, JSON field errors, never a
500) and the pages (422, the message on the form); nothing is written."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.justice.models import Hearing, StageEvent
from amparo.justice.services import hearing_schedule
from amparo.testing.api import api_client

TODAY = timezone.localdate()


def _hearings(legal_case) -> str:
    return f"/api/v1/legal-cases/{legal_case.pk}/hearings/"


@pytest.mark.parametrize(
    ("scheduled_for", "message"),
    [
        ("1375-08-19T09:57:56", "Give a date from 1900 onwards."),
        ("0001-01-01T00:00:00", "Give a date from 1900 onwards."),
        ("0001-01-01T00:00:00+05:00", "Datetime value out of range."),
        ("9999-12-31T23:59:59", "Datetime value out of range."),
        ("9999-12-31T10:00:00-06:00", "Give a date no later than"),
        ("9000-01-01T10:00:00", "Give a date no later than"),
    ],
)
def test_api_refuses_a_hearing_that_cannot_be_with_a_field_error(
    cast, legal_case, scheduled_for, message
):
    before = (Hearing.objects.count(), AuditEvent.objects.count())
    response = api_client(cast.lawyer).post(
        _hearings(legal_case),
        {"scheduled_for": scheduled_for, "kind": "first_statement"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    errors = response.json()
    assert list(errors) == ["scheduled_for"]
    assert errors["scheduled_for"][0].startswith(message)
    assert (Hearing.objects.count(), AuditEvent.objects.count()) == before


def test_api_schedules_a_hearing_next_month_and_returns_it_in_local_time(cast, legal_case):
    when = datetime.datetime.combine(TODAY + datetime.timedelta(days=30), datetime.time(9, 30))
    response = api_client(cast.lawyer).post(
        _hearings(legal_case),
        {"scheduled_for": when.isoformat(), "kind": "first_statement"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["scheduled_for"] == when.isoformat() + "-06:00"


def test_api_refuses_a_stage_in_year_1(cast, legal_case):
    before = StageEvent.objects.count()
    response = api_client(cast.lawyer).post(
        f"/api/v1/legal-cases/{legal_case.pk}/stages/",
        {"stage": "investigation", "occurred_on": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"occurred_on": ["Give a date from 1900 onwards."]}
    assert StageEvent.objects.count() == before


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1375-08-19 09:57", "Give a date from 1900 onwards."),
        ("9999-12-31 23:59", "Give a date no later than"),
    ],
)
def test_hearing_page_refuses_a_date_that_cannot_be(cast, client, legal_case, typed, message):
    client.force_login(cast.lawyer)
    before = (Hearing.objects.count(), AuditEvent.objects.filter(code="hearing.scheduled").count())
    response = client.post(
        reverse("legal_hearing_schedule", kwargs={"pk": legal_case.pk}),
        {"scheduled_for": typed, "kind": "first_statement"},
    )
    assert response.status_code == 422
    errors = response.context["form"]["scheduled_for"].errors
    assert len(errors) == 1 and errors[0].startswith(message)
    assert message in response.content.decode()
    assert (
        Hearing.objects.count(),
        AuditEvent.objects.filter(code="hearing.scheduled").count(),
    ) == before


def test_a_hearing_comes_back_with_the_local_offset_not_a_local_mean_time_one(cast, legal_case):
    day = TODAY - datetime.timedelta(days=30)
    hearing = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 57, 56))),
        kind="first_statement",
    )
    body = api_client(cast.lawyer).get(_hearings(legal_case)).json()
    assert [h["scheduled_for"] for h in body if h["id"] == hearing.pk] == [
        f"{day.isoformat()}T09:57:56-06:00"
    ]
