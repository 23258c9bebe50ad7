"""The legal case page and the forms for its events, through the test client."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.justice.inputs import AccusedInput, LegalCaseInput
from amparo.justice.models import Charge, Court, Hearing, LegalCase, Offence, StageEvent
from amparo.justice.services import accused_add, charge_add, hearing_schedule, legal_case_open
from amparo.justice.tests.world import days_ago
from amparo.testing.factories import MembershipFactory


def url(name: str, world, **kwargs: int) -> str:
    return reverse(name, kwargs={"pk": world.legal_case.pk, **kwargs})


def test_page_shows_timeline_and_pseudonym_never_identity_and_is_audited(cast, client, world):
    client.force_login(cast.lawyer)
    response = client.get(url("legal_case", world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "El Lobo" in body and "Fictional Accused Testname" not in body
    assert "EXP-TEST-0001" in body  # the reference, decrypted for the team
    for label in ("Complaint filed", "Charges filed", "Trial", "Verdict: Convicted"):
        assert label in body, label
    # Timeline in date order: complaint before trial before verdict.
    assert body.index("Complaint filed") < body.index("Trial") < body.index("Verdict: Convicted")
    assert AuditEvent.objects.filter(
        code="legal.viewed", actor=cast.lawyer, object_id=str(world.legal_case.pk)
    ).exists()


def test_opening_a_legal_case_from_a_survivors_case(cast, client):
    client.force_login(cast.supervisor)
    form = client.get(reverse("legal_case_new") + f"?case={cast.case.pk}").content.decode()
    assert f'value="{cast.case.pk}" id="id_victims_0" checked' in form
    court = Court.objects.filter(admin1="Escuintla").first()
    response = client.post(
        reverse("legal_case_new"),
        {
            "title": "Finca case",
            "victims": [cast.case.pk],
            "court": court.pk,
            "offence_category": "sexual_violence",
            "reference": "EXP-PAGE-1",
            "complaint_on": days_ago(10).isoformat(),
            "lawyers": [cast.lawyer.pk],
        },
    )
    legal_case = LegalCase.objects.get(victims=cast.case)
    assert legal_case.title == "Finca case"
    assert response["Location"] == reverse("legal_case", kwargs={"pk": legal_case.pk})
    assert legal_case.complaint_on == days_ago(10)
    assert set(legal_case.lawyers.values_list("user_id", flat=True)) == {
        cast.lawyer.pk,
        cast.supervisor.pk,
    }
    assert AuditEvent.objects.filter(code="legal.opened", actor=cast.supervisor).exists()


def test_opening_refuses_a_future_complaint_and_writes_nothing(cast, client):
    client.force_login(cast.supervisor)
    response = client.post(
        reverse("legal_case_new"),
        {
            "title": "Future",
            "court": Court.objects.first().pk,
            "offence_category": "trafficking",
            "complaint_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert "This date is in the future." in response.content.decode()
    assert not LegalCase.objects.exists()


def test_verdict_without_trial_is_refused_with_a_clear_error(cast, client, legal_case):
    accused = accused_add(
        actor=cast.lawyer, legal_case=legal_case, data=AccusedInput(pseudonym="El Zorro")
    )
    charge = charge_add(actor=cast.lawyer, accused=accused, offence_id=_offence_id())
    client.force_login(cast.lawyer)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("legal_verdict", kwargs={"pk": legal_case.pk, "charge_pk": charge.pk}),
        {"verdict": "convicted", "verdict_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 422
    assert "A verdict needs the trial to be recorded first." in response.content.decode()
    charge.refresh_from_db()
    assert charge.verdict == "" and AuditEvent.objects.count() == before


def _offence_id() -> int:
    return Offence.objects.filter(country="GT").first().pk


def test_sentence_without_conviction_is_refused(cast, client, world):
    client.force_login(cast.lawyer)
    response = client.post(
        url("legal_sentence", world, charge_pk=world.open_charge.pk),
        {"sentenced_on": days_ago(1).isoformat(), "custody_months": "96"},
    )
    assert response.status_code == 422
    assert "A sentence needs a conviction on this charge." in response.content.decode()
    assert Charge.objects.get(pk=world.open_charge.pk).sentenced_on is None


def test_verdict_and_sentence_per_charge(cast, client, world):
    client.force_login(cast.lawyer)
    response = client.post(
        url("legal_sentence", world, charge_pk=world.convicted_charge.pk),
        {"sentenced_on": days_ago(20).isoformat(), "custody_months": "96"},
    )
    assert response.status_code == 302
    charge = Charge.objects.get(pk=world.convicted_charge.pk)
    assert charge.custody_months == 96 and charge.sentenced_on == days_ago(20)
    response = client.post(
        url("legal_verdict", world, charge_pk=world.open_charge.pk),
        {"verdict": "acquitted", "verdict_on": days_ago(40).isoformat()},
    )
    assert response.status_code == 302
    body = client.get(url("legal_case", world)).content.decode()
    assert "Verdict: Acquitted" in body and "96 months in custody" in body
    assert AuditEvent.objects.filter(code="sentence.recorded", actor=cast.lawyer).exists()


def test_stage_before_its_predecessor_or_in_the_future_is_refused(cast, client, world):
    client.force_login(cast.lawyer)
    count = StageEvent.objects.count()
    for day, message in (
        (days_ago(500), "cannot be dated before Complaint filed"),
        (timezone.localdate() + datetime.timedelta(days=1), "This date is in the future."),
    ):
        response = client.post(
            url("legal_stage_record", world),
            {"stage": "investigation", "occurred_on": day.isoformat()},
        )
        assert response.status_code == 422
        assert message in response.content.decode()
    assert StageEvent.objects.count() == count


def test_correcting_a_stage_keeps_the_old_date_struck_through(cast, client, world):
    client.force_login(cast.lawyer)
    response = client.post(
        url("legal_stage_correct", world, event_pk=world.trial_event.pk),
        {"occurred_on": days_ago(90).isoformat(), "reason": "Typo in the court record"},
    )
    assert response.status_code == 302
    body = client.get(url("legal_case", world)).content.decode()
    assert "<del>Trial</del>" in body
    assert "corrected: Typo in the court record" in body
    assert LegalCase.objects.get(pk=world.legal_case.pk).trial_on == days_ago(90)


def test_postponed_hearing_with_a_reason_shows_in_the_timeline(cast, client, world):
    client.force_login(cast.lawyer)
    hearing = world.past_hearing
    outcome = url("legal_hearing_outcome", world, hearing_pk=hearing.pk)
    missing = client.post(outcome, {"version": hearing.version, "outcome": "postponed"})
    assert missing.status_code == 422
    assert "Say why the hearing was postponed." in missing.content.decode()
    response = client.post(
        outcome,
        {"version": hearing.version, "outcome": "postponed", "postponement_reason": "defence"},
    )
    assert response.status_code == 302
    body = client.get(url("legal_case", world)).content.decode()
    assert "Postponed" in body and "Defence lawyer absent or changed" in body
    assert AuditEvent.objects.filter(code="hearing.recorded", actor=cast.lawyer).exists()


def test_held_hearing_with_testimony_in_a_gesell_chamber(cast, client, world):
    client.force_login(cast.lawyer)
    hearing = world.past_hearing
    response = client.post(
        url("legal_hearing_outcome", world, hearing_pk=hearing.pk),
        {
            "version": hearing.version,
            "outcome": "held",
            "survivor_testified": "yes",
            "testimony_setting": "gesell",
            "accompanied_by": "psychologist",
        },
    )
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert hearing.testimony_setting == "gesell" and hearing.survivor_testified


def test_stale_hearing_version_is_refused_and_changes_nothing(cast, client, world):
    client.force_login(cast.lawyer)
    hearing = world.past_hearing
    response = client.post(
        url("legal_hearing_outcome", world, hearing_pk=hearing.pk),
        {"version": hearing.version + 5, "outcome": "cancelled"},
    )
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()
    assert Hearing.objects.get(pk=hearing.pk).outcome == "scheduled"


def test_schedule_accused_charge_link_and_assign(cast, client, world):
    second = MembershipFactory(organisation=cast.lex, role="lawyer").user
    client.force_login(cast.supervisor)
    when = (timezone.localtime() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    assert (
        client.post(
            url("legal_hearing_schedule", world), {"scheduled_for": when, "kind": "trial"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("legal_accused_add", world),
            {
                "pseudonym": "La Sombra",
                "sex": "female",
                "age_band": "26-40",
                "relation_to_victim": "unknown",
                "custody_status": "at_large",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("legal_charge_add", world, accused_pk=world.accused.pk),
            {"offence": world.open_charge.offence_id},
        ).status_code
        == 422
    )  # already charged with that offence
    assert client.post(url("legal_lawyer_assign", world), {"user": second.pk}).status_code == 302
    assert world.legal_case.lawyers.filter(user=second).exists()
    calendar = client.get(reverse("legal_hearings") + "?all=1").content.decode()
    assert world.legal_case.title in calendar


def test_closing_asks_for_confirmation_and_checks_the_version(cast, client, world):
    client.force_login(cast.supervisor)
    close = url("legal_case_close", world)
    data = {
        "version": world.legal_case.version,
        "reason": "withdrawn",
        "closed_on": timezone.localdate().isoformat(),
    }
    confirm = client.post(close, data)
    assert confirm.status_code == 200 and "Yes, close the legal case" in confirm.content.decode()
    assert LegalCase.objects.get(pk=world.legal_case.pk).status == "open"
    stale = client.post(close, {**data, "version": data["version"] + 1, "confirmed": "yes"})
    assert stale.status_code == 422
    assert LegalCase.objects.get(pk=world.legal_case.pk).status == "open"
    assert client.post(close, {**data, "confirmed": "yes"}).status_code == 302
    assert LegalCase.objects.get(pk=world.legal_case.pk).status == "closed"
    # A closed legal case takes no more events.
    response = client.post(
        url("legal_stage_record", world),
        {"stage": "investigation", "occurred_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 422 and "This legal case is closed." in response.content.decode()


def test_accused_identity_reveal_needs_a_reason_and_is_audited(cast, client, world):
    client.force_login(cast.lawyer)
    reveal = url("legal_accused_reveal", world, accused_pk=world.accused.pk)
    refused = client.post(reveal, {"reason": "abc"})
    assert refused.status_code == 422
    assert "Fictional Accused Testname" not in refused.content.decode()
    assert not AuditEvent.objects.filter(code="accused.revealed").exists()
    response = client.post(reveal, {"reason": "Checking the arrest warrant"})
    assert "Fictional Accused Testname" in response.content.decode()
    event = AuditEvent.objects.get(code="accused.revealed")
    assert event.actor == cast.lawyer and event.reason == "Checking the arrest warrant"


def test_caseload_search_filters_and_empty_state(cast, client, world):
    client.force_login(cast.lawyer)
    body = client.get(reverse("legal_caseload")).content.decode()
    assert world.legal_case.title in body
    assert "Trial" in body  # current stage
    by_code = reverse("legal_caseload") + "?q=" + cast.case.code[-4:].lower()
    assert world.legal_case.title in client.get(by_code).content.decode()
    by_pseudonym = reverse("legal_caseload") + "?q=" + cast.case.survivor.pseudonym[:4]
    assert world.legal_case.title in client.get(by_pseudonym).content.decode()
    # The title is encrypted: searching it in SQL is impossible, so it is not searched.
    assert (
        "No legal cases match" in client.get(reverse("legal_caseload") + "?q=bar").content.decode()
    )
    none = client.get(reverse("legal_caseload") + "?q=nothing-like-it").content.decode()
    assert "No legal cases match" in none
    assert (
        world.legal_case.title
        not in client.get(reverse("legal_caseload") + "?stage=complaint").content.decode()
    )
    client.force_login(cast.other_caseworker)
    assert "You have no legal cases yet." in client.get(reverse("legal_caseload")).content.decode()


def _more_legal_cases(cast, n: int) -> None:
    court = Court.objects.first()
    for i in range(n):
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
        accused_add(actor=cast.lawyer, legal_case=lc, data=AccusedInput(pseudonym=f"A{i}"))


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_caseload_queries_do_not_grow_with_legal_cases(cast, client, world):
    client.force_login(cast.lawyer)
    few = _queries(client, reverse("legal_caseload"))
    _more_legal_cases(cast, 6)
    assert _queries(client, reverse("legal_caseload")) == few


def test_legal_case_page_queries_do_not_grow_with_events(cast, client, world):
    client.force_login(cast.lawyer)
    page = url("legal_case", world)
    few = _queries(client, page)
    for i in range(4):
        accused = accused_add(
            actor=cast.lawyer, legal_case=world.legal_case, data=AccusedInput(pseudonym=f"B{i}")
        )
        charge_add(actor=cast.lawyer, accused=accused, offence_id=_offence_id())
        hearing_schedule(
            actor=cast.lawyer,
            legal_case=world.legal_case,
            scheduled_for=timezone.now() + datetime.timedelta(days=i + 1),
            kind="pre_trial",
        )
    assert _queries(client, page) == few
