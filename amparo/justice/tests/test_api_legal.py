"""The justice API: bad input refused with field errors, audit, suppression, schema."""

from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.justice.inputs import AccusedInput, LegalCaseInput
from amparo.justice.models import Accused, Charge, Court, Hearing, LegalCase, Offence, StageEvent
from amparo.justice.services import accused_add, charge_add, hearing_schedule, legal_case_open
from amparo.justice.tests.world import days_ago
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory, intake_input


def lc(world) -> str:
    return f"/api/v1/legal-cases/{world.legal_case.pk}/"


def test_detail_is_audited_and_shows_pseudonyms_only(cast, world):
    client = api_client(cast.lawyer)
    body = client.get(lc(world)).json()
    assert body["stages"]["trial"] == days_ago(100).isoformat()
    assert body["victims"] == [
        {
            "case": cast.case.pk,
            "code": cast.case.code,
            "pseudonym": "Mariposa Azul",
            "transferred": False,
        }
    ]
    accused = client.get(lc(world) + "accused/").json()
    assert accused[0]["pseudonym"] == "El Lobo" and "full_name" not in accused[0]
    assert "Fictional Accused Testname" not in str(accused)
    assert AuditEvent.objects.filter(code="legal.viewed", actor=cast.lawyer).count() == 2


def test_verdict_without_trial_is_a_field_error_and_writes_nothing(cast, legal_case):
    accused = accused_add(actor=cast.lawyer, legal_case=legal_case, data=AccusedInput("X"))

    charge = charge_add(actor=cast.lawyer, accused=accused, offence_id=Offence.objects.first().pk)
    before = AuditEvent.objects.count()
    response = api_client(cast.lawyer).post(
        f"/api/v1/legal-cases/{legal_case.pk}/charges/{charge.pk}/verdict/",
        {"verdict": "convicted", "verdict_on": days_ago(1).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"verdict": ["A verdict needs the trial to be recorded first."]}
    assert Charge.objects.get(pk=charge.pk).verdict == ""
    assert AuditEvent.objects.count() == before


def test_sentence_without_conviction_is_refused(cast, world):
    response = api_client(cast.lawyer).post(
        lc(world) + f"charges/{world.open_charge.pk}/sentence/",
        {"sentenced_on": days_ago(1).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "charge" in response.json()
    assert Charge.objects.get(pk=world.open_charge.pk).sentenced_on is None


def test_stage_before_predecessor_or_in_future_is_refused(cast, world):
    client = api_client(cast.lawyer)
    count = StageEvent.objects.count()
    early = client.post(
        lc(world) + "stages/",
        {"stage": "arrest", "occurred_on": days_ago(500).isoformat()},
        format="json",
    )
    assert early.status_code == 400 and "occurred_on" in early.json()
    future = client.post(
        lc(world) + "stages/",
        {"stage": "arrest", "occurred_on": (days_ago(-3)).isoformat()},
        format="json",
    )
    assert future.json() == {"occurred_on": ["This date is in the future."]}
    appeal = client.post(
        lc(world) + "stages/",
        {"stage": "bogus", "occurred_on": days_ago(1).isoformat()},
        format="json",
    )
    assert appeal.status_code == 400 and "stage" in appeal.json()
    assert StageEvent.objects.count() == count


def test_accused_on_another_organisations_case_is_not_found(cast, world):
    before = Accused.objects.count()
    for user in (cast.partner_supervisor, cast.partner_caseworker):
        response = api_client(user).post(
            lc(world) + "accused/", {"pseudonym": "Intruso"}, format="json"
        )
        assert response.status_code == 404
    # Refugio's own legal case cannot receive a victim of Lex either.
    refugio_worker = cast.partner_caseworker
    their_case = intake_submit(actor=refugio_worker, data=intake_input())
    theirs = legal_case_open(
        actor=cast.partner_supervisor,
        data=LegalCaseInput(
            title="Refugio case",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
            victim_case_ids=[their_case.pk],
        ),
    )
    response = api_client(cast.partner_supervisor).post(
        f"/api/v1/legal-cases/{theirs.pk}/victims/", {"case": cast.case.pk}, format="json"
    )
    assert response.status_code == 400 and "case" in response.json()
    assert Accused.objects.count() == before
    assert not theirs.victims.filter(pk=cast.case.pk).exists()


def test_hearing_outcome_needs_a_current_version(cast, world):
    client = api_client(cast.lawyer)
    url = lc(world) + f"hearings/{world.past_hearing.pk}/outcome/"
    body = {"outcome": "postponed", "postponement_reason": "judge"}
    assert client.post(url, body, format="json").status_code == 428
    stale = client.post(url, {**body, "version": 99}, format="json")
    assert stale.status_code == 409
    assert Hearing.objects.get(pk=world.past_hearing.pk).outcome == "scheduled"
    ok = client.post(url, body, format="json", HTTP_IF_MATCH=f'"{world.past_hearing.version}"')
    assert ok.status_code == 200 and ok.json()["outcome"] == "postponed"
    assert ok["ETag"] == f'"{world.past_hearing.version + 1}"'


def test_open_and_close_through_the_api_are_audited(cast, world):
    client = api_client(cast.supervisor)
    created = client.post(
        "/api/v1/legal-cases/",
        {
            "title": "API case",
            "court": Court.objects.first().pk,
            "offence_category": "osec",
            "complaint_on": days_ago(5).isoformat(),
            "victims": [cast.case.pk],
            "lawyers": [cast.lawyer.pk],
        },
        format="json",
    )
    assert created.status_code == 201
    legal_case = LegalCase.objects.get(pk=created.json()["id"])
    assert legal_case.complaint_on == days_ago(5)
    assert AuditEvent.objects.filter(code="legal.opened", actor=cast.supervisor).exists()
    bad = client.post(
        f"/api/v1/legal-cases/{legal_case.pk}/close/",
        {"reason": "verdict_final", "version": legal_case.version},
        format="json",
    )
    assert bad.json() == {"reason": ["There is no verdict yet."]}
    closed = client.post(
        f"/api/v1/legal-cases/{legal_case.pk}/close/",
        {"reason": "withdrawn", "version": legal_case.version},
        format="json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert AuditEvent.objects.filter(code="legal.closed", actor=cast.supervisor).exists()


def test_accused_reveal_is_audited_with_its_reason(cast, world):
    client = api_client(cast.lawyer)
    url = lc(world) + f"accused/{world.accused.pk}/identity/reveal/"
    assert client.post(url, {"reason": ""}, format="json").status_code == 400
    response = client.post(url, {"reason": "Checking the warrant"}, format="json")
    assert response.json()["full_name"] == "Fictional Accused Testname"
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.get(code="accused.revealed").reason == "Checking the warrant"


def _table(body, key):
    table = next(t for t in body["tables"] if t["key"] == key)
    return {row["key"]: row["values"] for row in table["rows"]}


SINCE = {"start": (timezone.localdate() - timezone.timedelta(days=1000)).isoformat()}


def test_indicators_are_always_suppressed_and_audited(cast, world):
    response = api_client(cast.analyst).get("/api/v1/legal/indicators/", SINCE)
    body = response.json()
    assert body["suppressed"] is True and body["min_cell"] == 11
    assert _table(body, "headline")["filed"]["current"] is None  # one legal case: below the minimum
    assert _table(body, "headline_rates")["conviction_rate"]["current"] is None
    assert all(curve["t"] == [] for curve in body["curves"].values())
    assert _table(body, "funnel")["appeal"]["cases"] == 0  # zero is shown: it singles nobody out
    assert AuditEvent.objects.filter(code="indicators.exported", actor=cast.analyst).exists()
    bad = api_client(cast.analyst).get(
        "/api/v1/legal/indicators/", {"start": "2024-05-01", "end": "2024-01-01"}
    )
    assert bad.status_code == 400 and "end" in bad.json()


def test_indicators_show_counts_at_or_above_the_minimum(cast, world, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    body = (
        api_client(cast.supervisor)
        .get("/api/v1/legal/indicators/", {**SINCE, "court": world.legal_case.court_id})
        .json()
    )
    assert _table(body, "headline")["filed"]["current"] == 1
    assert _table(body, "headline_rates")["conviction_rate"]["current"] == 1.0
    assert _table(body, "timings")["verdict"]["median"] == 350
    assert body["curves"]["verdict"]["t"] == [350]


def test_upcoming_hearings_mine_and_all(cast, world):
    hearing_schedule(
        actor=cast.lawyer,
        legal_case=world.legal_case,
        scheduled_for=timezone.now() + timezone.timedelta(days=2),
        kind="trial",
    )
    mine = api_client(cast.lawyer).get("/api/v1/hearings/upcoming/").json()
    assert [h["legal_case_title"] for h in mine] == ["Escuintla bar case"]
    other = MembershipFactory(organisation=cast.lex, role="supervisor").user
    assert api_client(other).get("/api/v1/hearings/upcoming/").json() == []
    assert len(api_client(other).get("/api/v1/hearings/upcoming/?mine=false").json()) == 1


def test_the_justice_api_is_in_the_openapi_schema(cast):
    schema = api_client(cast.caseworker).get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/legal-cases/",
        "/api/v1/legal-cases/{legal_case_id}/",
        "/api/v1/legal-cases/{legal_case_id}/accused/{accused_id}/identity/reveal/",
        "/api/v1/legal-cases/{legal_case_id}/charges/{charge_id}/verdict/",
        "/api/v1/legal-cases/{legal_case_id}/stages/{event_id}/correct/",
        "/api/v1/legal-cases/{legal_case_id}/hearings/{hearing_id}/outcome/",
        "/api/v1/hearings/upcoming/",
        "/api/v1/legal/indicators/",
        "/api/v1/courts/",
        "/api/v1/offences/",
    ):
        assert path in paths, path
    assert "always suppressed" in paths["/api/v1/legal/indicators/"]["get"]["description"].lower()


def test_the_caseload_is_searched_by_a_victims_code_or_pseudonym_not_the_title(cast, world):
    client = api_client(cast.lawyer)

    def found(query: str) -> list[int]:
        return [
            row["id"] for row in client.get("/api/v1/legal-cases/", {"q": query}).json()["results"]
        ]

    assert found(cast.case.code.lower()) == [world.legal_case.pk]
    assert found("mariposa") == [world.legal_case.pk]
    assert found("Escuintla bar") == []  # the encrypted title is not searchable
    refugio = MembershipFactory(organisation=cast.refugio, role="supervisor").user
    refugio_case = intake_submit(actor=refugio, data=intake_input())
    assert found(refugio_case.code) == []
