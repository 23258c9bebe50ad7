"""The lawyer's week through the pages and the API: postponing with the new date,
hearings whose outcome is to record, the next hearing in the caseload, and only
the actions that can succeed offered, with their dates pre-filled."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.justice.inputs import AccusedInput, HearingOutcomeInput, LegalCaseInput
from amparo.justice.models import Court, Hearing, Offence
from amparo.justice.services import (
    accused_add,
    charge_add,
    hearing_record_outcome,
    hearing_schedule,
    legal_case_close,
    legal_case_open,
)
from amparo.justice.tests.world import days_ago
from amparo.testing.api import api_client

pytestmark = pytest.mark.django_db


def at(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def local_input(when: datetime.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def coming(cast, world):
    """A trial hearing ten days ahead on Lex's legal case."""
    return hearing_schedule(
        actor=cast.lawyer, legal_case=world.legal_case, scheduled_for=at(10), kind="trial"
    )


def postpone_url(hearing: Hearing) -> str:
    return reverse(
        "legal_hearing_postpone", kwargs={"pk": hearing.legal_case_id, "hearing_pk": hearing.pk}
    )


# Postponing ahead of the day, with the new date.


def test_the_legal_case_offers_postponing_a_coming_hearing_not_its_outcome(cast, client, coming):
    client.force_login(cast.lawyer)
    body = client.get(reverse("legal_case", kwargs={"pk": coming.legal_case_id})).content.decode()
    assert postpone_url(coming) in body
    outcome = reverse(
        "legal_hearing_outcome", kwargs={"pk": coming.legal_case_id, "hearing_pk": coming.pk}
    )
    assert outcome not in body


def test_postponing_on_the_page_schedules_the_new_hearing(cast, client, coming):
    client.force_login(cast.lawyer)
    url = postpone_url(coming)
    assert client.get(url).status_code == 200
    before = Hearing.objects.count()
    missing = client.post(url, {"version": coming.version, "postponement_reason": "judge"})
    assert missing.status_code == 422
    assert Hearing.objects.count() == before
    early = client.post(
        url,
        {
            "version": coming.version,
            "postponement_reason": "judge",
            "scheduled_for": local_input(at(-1)),
        },
    )
    assert early.status_code == 422
    assert "The new date cannot be in the past." in early.content.decode()
    response = client.post(
        url,
        {
            "version": coming.version,
            "postponement_reason": "judge",
            "scheduled_for": local_input(at(30, 11)),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#timeline")
    new = Hearing.objects.get(rescheduled_from=coming)
    assert new.scheduled_for == at(30, 11) and new.kind == "trial"
    body = client.get(response["Location"]).content.decode()
    assert "Judge unavailable" in body
    assert (
        "rescheduled from " + timezone.localtime(coming.scheduled_for).strftime("%Y-%m-%d %H:%M")
        in body
    )
    assert postpone_url(new) in body and postpone_url(coming) not in body


def test_postponing_through_the_api(cast, coming):
    client = api_client(cast.lawyer)
    url = f"/api/v1/legal-cases/{coming.legal_case_id}/hearings/{coming.pk}/postpone/"
    late = client.post(
        url,
        {"postponement_reason": "schedule", "scheduled_for": at(5).isoformat(), "version": 1},
        format="json",
    )
    assert late.status_code == 400
    assert "scheduled_for" in late.json()
    done = client.post(
        url,
        {
            "postponement_reason": "schedule",
            "scheduled_for": at(20).isoformat(),
            "version": coming.version,
        },
        format="json",
    )
    assert done.status_code == 201, done.content
    assert done.json()["rescheduled_from"] == coming.pk
    again = client.post(
        url,
        {
            "postponement_reason": "schedule",
            "scheduled_for": at(25).isoformat(),
            "version": coming.version + 1,
        },
        format="json",
    )
    assert again.status_code == 400 and "outcome" in again.json()
    assert Hearing.objects.filter(rescheduled_from=coming).count() == 1


# Hearings whose outcome is to record.


def test_hearings_awaiting_an_outcome_are_a_tab_of_the_hearings(cast, client, world, coming):
    client.force_login(cast.lawyer)
    calendar = client.get(reverse("legal_hearings")).content.decode()
    awaiting_url = reverse("legal_hearings_awaiting")
    assert awaiting_url in calendar and "(1)" in calendar
    body = client.get(awaiting_url).content.decode()
    past = world.past_hearing
    outcome = reverse(
        "legal_hearing_outcome", kwargs={"pk": past.legal_case_id, "hearing_pk": past.pk}
    )
    assert outcome in body and world.legal_case.title in body
    assert f"/hearings/{coming.pk}/" not in body, "a hearing still to come is not listed"
    hearing_record_outcome(
        actor=cast.lawyer,
        hearing=past,
        expected_version=past.version,
        data=HearingOutcomeInput(outcome="held"),
    )
    assert (
        "Every hearing held has its outcome recorded." in client.get(awaiting_url).content.decode()
    )


def test_hearings_awaiting_an_outcome_are_paginated_and_in_the_api(cast, client, world, settings):
    settings.AMPARO_CASELOAD_PAGE_SIZE = 2
    for days in (2, 3, 4):
        hearing_schedule(
            actor=cast.lawyer,
            legal_case=world.legal_case,
            scheduled_for=timezone.now() - datetime.timedelta(days=days),
            kind="pre_trial",
        )
    client.force_login(cast.lawyer)
    first = client.get(reverse("legal_hearings_awaiting")).content.decode()
    assert "4 hearings" in first and "Page 1 of 2" in first
    assert (
        "Page 2 of 2" in client.get(reverse("legal_hearings_awaiting") + "?page=2").content.decode()
    )
    answer = api_client(cast.lawyer).get("/api/v1/hearings/awaiting-outcome/").json()
    assert answer["count"] == 4
    oldest = answer["results"][0]
    assert oldest["kind"] == "pre_trial" and oldest["legal_case_title"] == world.legal_case.title


def test_a_closed_legal_case_asks_for_no_more_outcomes(cast, client, world):
    legal_case_close(
        actor=cast.lawyer,
        legal_case=world.legal_case,
        expected_version=world.legal_case.version,
        reason="withdrawn",
    )
    client.force_login(cast.lawyer)
    body = client.get(reverse("legal_hearings_awaiting")).content.decode()
    assert "Every hearing held has its outcome recorded." in body


# The next hearing in the legal caseload.


def test_the_caseload_shows_each_cases_next_hearing(cast, client, world, coming):
    hearing_schedule(
        actor=cast.lawyer, legal_case=world.legal_case, scheduled_for=at(20), kind="sentencing"
    )
    client.force_login(cast.lawyer)
    body = client.get(reverse("legal_caseload")).content.decode()
    assert timezone.localtime(coming.scheduled_for).strftime("%Y-%m-%d %H:%M") in body
    assert "Trial (debate) · " + coming.court.name in body
    item = api_client(cast.lawyer).get("/api/v1/legal-cases/").json()["results"][0]
    assert item["next_hearing"]["id"] == coming.pk
    assert item["next_hearing"]["court_name"] == coming.court.name


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_caseload_queries_do_not_grow_with_next_hearings(cast, client, world):
    client.force_login(cast.lawyer)
    page, api = reverse("legal_caseload"), "/api/v1/legal-cases/"
    few = _queries(client, page)
    few_api = _queries(api_client(cast.lawyer), api)
    courts = list(Court.objects.all()[:5])
    for i, court in enumerate(courts):
        lc = legal_case_open(
            actor=cast.supervisor,
            data=LegalCaseInput(
                title=f"Extra {i}",
                court_id=court.pk,
                offence_category="trafficking",
                complaint_on=days_ago(30 + i),
                victim_case_ids=[cast.case.pk],
                lawyer_ids=[cast.lawyer.pk],
            ),
        )
        for days in (i + 1, i + 8):
            hearing_schedule(actor=cast.lawyer, legal_case=lc, scheduled_for=at(days), kind="trial")
    assert _queries(client, page) == few
    assert _queries(api_client(cast.lawyer), api) == few_api


# What cannot succeed yet is not offered; obvious dates are pre-filled.


def test_no_verdict_is_offered_before_the_trial(cast, client, legal_case):
    accused = accused_add(
        actor=cast.lawyer, legal_case=legal_case, data=AccusedInput(pseudonym="El Zorro")
    )
    charge = charge_add(
        actor=cast.lawyer, accused=accused, offence_id=Offence.objects.filter(country="GT")[0].pk
    )
    client.force_login(cast.lawyer)
    body = client.get(reverse("legal_case", kwargs={"pk": legal_case.pk})).content.decode()
    verdict = reverse("legal_verdict", kwargs={"pk": legal_case.pk, "charge_pk": charge.pk})
    assert verdict not in body
    assert "A verdict can be recorded once the trial is." in body
    # Only the stages that can follow the complaint are offered.
    stages = re.search(r'<select name="stage".*?</select>', body, re.S).group(0)
    assert 'value="investigation"' in stages and 'value="charges"' in stages
    assert 'value="trial"' not in stages and 'value="appeal"' not in stages


def test_the_verdict_and_the_sentence_are_offered_after_the_trial_with_dates(cast, client, world):
    held = world.past_hearing
    hearing_record_outcome(
        actor=cast.lawyer,
        hearing=held,
        expected_version=held.version,
        data=HearingOutcomeInput(outcome="held"),
    )
    client.force_login(cast.lawyer)
    ids = {"pk": world.legal_case.pk}
    body = client.get(reverse("legal_case", kwargs=ids)).content.decode()
    assert reverse("legal_verdict", kwargs={**ids, "charge_pk": world.open_charge.pk}) in body
    held_day = timezone.localtime(held.scheduled_for).date().isoformat()
    verdict = client.get(
        reverse("legal_verdict", kwargs={**ids, "charge_pk": world.open_charge.pk})
    )
    assert f'value="{held_day}"' in verdict.content.decode()
    sentence = client.get(
        reverse("legal_sentence", kwargs={**ids, "charge_pk": world.convicted_charge.pk})
    )
    assert f'value="{world.convicted_charge.verdict_on.isoformat()}"' in sentence.content.decode()


def test_a_new_hearing_defaults_to_the_stage_and_the_legal_cases_court(cast, client, world):
    client.force_login(cast.lawyer)
    body = client.get(
        reverse("legal_hearing_schedule", kwargs={"pk": world.legal_case.pk})
    ).content.decode()
    # The world's legal case is past its verdict: the next hearing is likely the sentencing.
    assert '<option value="sentencing" selected>' in body
    assert f'<option value="{world.legal_case.court_id}" selected>' in body


def test_posting_a_stage_not_offered_gets_the_services_reason(cast, client, legal_case):
    client.force_login(cast.lawyer)
    response = client.post(
        reverse("legal_stage_record", kwargs={"pk": legal_case.pk}),
        {"stage": "trial", "occurred_on": days_ago(5).isoformat()},
    )
    assert response.status_code == 422
    assert "needs Charges filed to be recorded first" in response.content.decode()
    assert not AuditEvent.objects.filter(code="stage.recorded", actor=cast.lawyer).exists()


# Opening a legal case finds victims by search.


def test_opening_lists_no_cases_until_a_search(cast, client):
    from amparo.cases.services import intake_submit
    from amparo.testing.factories import intake_input

    for _ in range(3):
        intake_submit(actor=cast.caseworker, data=intake_input())
    client.force_login(cast.supervisor)
    body = client.get(reverse("legal_case_new")).content.decode()
    assert 'name="victims"' not in body
    assert "No victim chosen yet" in body


def test_a_search_keeps_the_form_and_the_chosen_victims(cast, client):
    from amparo.cases.services import intake_submit
    from amparo.testing.factories import intake_input

    other = intake_submit(actor=cast.caseworker, data=intake_input())
    client.force_login(cast.supervisor)
    before = AuditEvent.objects.count(), Hearing.objects.count()
    response = client.post(
        reverse("legal_case_new"),
        {
            "title": "Finca case",
            "victims": [cast.case.pk],
            "victim_query": other.code[-5:].lower(),
            "search_victims": "1",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Finca case"' in body
    assert f'value="{cast.case.pk}" id="id_victims_0" checked' in body
    assert f'value="{other.pk}" id="id_victims_1">' in body
    assert "1 case found." in body
    assert other.code[-5:].lower() not in response.request["PATH_INFO"]
    assert (AuditEvent.objects.count(), Hearing.objects.count()) == before


def test_a_search_finds_only_the_cases_the_user_may_open(cast, client):
    client.force_login(cast.lawyer)  # not assigned to the survivor's case
    search = {"victim_query": cast.case.code, "search_victims": "1"}
    body = client.post(reverse("legal_case_new"), search).content.decode()
    assert "0 cases found." in body and 'name="victims"' not in body
    client.force_login(cast.supervisor)
    body = client.post(reverse("legal_case_new"), search).content.decode()
    assert f'value="{cast.case.pk}" id="id_victims_0">' in body
    by_pseudonym = {"victim_query": cast.case.survivor.pseudonym, "search_victims": "1"}
    assert (
        f'value="{cast.case.pk}" id="id_victims_0">'
        in client.post(reverse("legal_case_new"), by_pseudonym).content.decode()
    )


def test_a_victim_the_user_may_not_open_is_refused_and_nothing_written(cast, client):
    from amparo.justice.models import LegalCase

    client.force_login(cast.lawyer)
    response = client.post(
        reverse("legal_case_new"),
        {
            "title": "Sneaky",
            "victims": [cast.case.pk],
            "court": Court.objects.first().pk,
            "offence_category": "trafficking",
        },
    )
    assert response.status_code == 422
    assert not LegalCase.objects.exists()
