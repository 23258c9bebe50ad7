"""The case file and the actions on it, through the test client."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.services import case_flag_raise, case_update, incident_record, note_add
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_grant, family_member_add
from amparo.testing.factories import intake_input


def url(name: str, case: Case, **kwargs: int) -> str:
    return reverse(name, kwargs={"pk": case.pk, **kwargs})


def test_every_file_view_is_audited_and_shows_no_identity(cast, client):
    client.force_login(cast.caseworker)
    for expected in (1, 2):
        response = client.get(url("case_file", cast.case))
        body = response.content.decode()
        assert "Mariposa Azul" in body and "12–17" in body
        assert "Testa" not in body and "TEST-0000-0001" not in body
        assert (
            AuditEvent.objects.filter(
                code="case.viewed", actor=cast.caseworker, case=cast.case
            ).count()
            == expected
        )


def test_identity_reveal_needs_a_reason_and_is_audited(cast, client):
    client.force_login(cast.caseworker)
    reveal = url("identity_reveal", cast.case)
    form = client.get(reveal)
    assert "Why do you need to see the identity?" in form.content.decode()
    for reason in ("", "abc"):
        response = client.post(reveal, {"reason": reason})
        assert response.status_code == 422
        assert "Testa" not in response.content.decode()
    assert not AuditEvent.objects.filter(code="identity.revealed").exists()

    response = client.post(reveal, {"reason": "Court hearing needs the legal name"})
    body = response.content.decode()
    assert "Testa Ficticia" in body and "TEST-0000-0001" in body
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(code="identity.revealed")
    assert event.actor == cast.caseworker
    assert event.reason == "Court hearing needs the legal name"
    # Shown once: the file itself still shows no identity.
    assert "Testa" not in client.get(url("case_file", cast.case)).content.decode()


def test_stale_version_is_refused_and_changes_nothing(cast, client):
    client.force_login(cast.caseworker)
    case = cast.case
    stale_version = case.version
    case_update(
        actor=cast.supervisor,
        case=case,
        expected_version=stale_version,
        risk_level="low",
        status="active",
    )
    response = client.post(
        url("case_edit", case),
        {"version": stale_version, "risk_level": "high", "status": "follow_up"},
    )
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()
    case.refresh_from_db()
    assert (case.risk_level, case.status, case.version) == ("low", "active", stale_version + 1)

    response = client.post(
        url("case_edit", case), {"version": case.version, "risk_level": "high", "status": "active"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.risk_level == "high"


def test_stale_survivor_edit_is_refused(cast, client):
    client.force_login(cast.caseworker)
    survivor = cast.case.survivor
    data = {
        "version": survivor.version + 1,
        "pseudonym": "Otro Nombre",
        "sex": "female",
        "birth_year": survivor.birth_year,
        "disability": "none",
        "displacement": "idp",
    }
    response = client.post(url("survivor_edit", cast.case), data)
    assert "Someone else changed this record" in response.content.decode()
    survivor.refresh_from_db()
    assert survivor.pseudonym == "Mariposa Azul"
    data["version"] = survivor.version
    assert client.post(url("survivor_edit", cast.case), data).status_code == 302
    survivor.refresh_from_db()
    assert (survivor.pseudonym, survivor.displacement) == ("Otro Nombre", "idp")


def test_caseworker_cannot_close_before_the_closure_rule_is_met(cast, client):
    client.force_login(cast.caseworker)
    case = cast.case
    data = {"version": case.version, "reason": "restored", "closed_on": case.opened_on}
    response = client.post(url("case_close", case), {**data, "confirmed": "yes"})
    assert "Only a supervisor can close this case." in response.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None


def test_closing_asks_for_confirmation_first(cast, client):
    client.force_login(cast.supervisor)
    case = cast.case
    data = {
        "version": case.version,
        "reason": "restored",
        "closed_on": case.opened_on,
        "override_reason": "Survivor moved abroad with family",
    }
    confirm = client.post(url("case_close", case), data)
    assert "Yes, close the case" in confirm.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None
    response = client.post(url("case_close", case), {**data, "confirmed": "yes"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == ("closed", "restored")


def test_closing_before_opening_is_refused(cast, client):
    client.force_login(cast.caseworker)
    case = cast.case
    data = {
        "version": case.version,
        "reason": "restored",
        "closed_on": case.opened_on - datetime.timedelta(days=1),
        "confirmed": "yes",
    }
    response = client.post(url("case_close", case), data)
    assert "A case cannot close before it opened." in response.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None


def test_consent_withdrawal_is_confirmed_and_kept(cast, client):
    client.force_login(cast.caseworker)
    grant = cast.case.survivor.consents.get()
    withdraw = url("consent_withdraw", cast.case, consent_pk=grant.pk)
    assert "Yes, record the withdrawal" in client.get(withdraw).content.decode()
    client.post(withdraw, {"version": grant.version})
    grant.refresh_from_db()
    assert grant.withdrawn_at is None
    client.post(withdraw, {"version": grant.version, "confirmed": "yes"})
    grant.refresh_from_db()
    assert grant.withdrawn_at is not None
    body = client.get(url("case_file", cast.case)).content.decode()
    assert "withdrawn" in body


def test_supervisor_assigns_and_unassigns_with_confirmation(cast, client):
    client.force_login(cast.supervisor)
    response = client.post(url("assign", cast.case), {"user": cast.lawyer.pk})
    assert response.status_code == 302
    assignment = cast.case.assignments.get(user=cast.lawyer, ended_at__isnull=True)
    end = url("unassign", cast.case, assignment_pk=assignment.pk)
    client.post(end)
    assignment.refresh_from_db()
    assert assignment.ended_at is None
    client.post(end, {"confirmed": "yes"})
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    # Someone of another organisation cannot be assigned.
    response = client.post(url("assign", cast.case), {"user": cast.partner_caseworker.pk})
    assert response.status_code == 422


def test_notes_family_and_flags(cast, client):
    client.force_login(cast.caseworker)
    case = cast.case
    client.post(url("note_add", case), {"body": "Visited the shelter."})
    client.post(
        url("family_add", case),
        {"relation": "mother", "name": "Madre Ficticia", "safety": "safe"},
    )
    client.post(url("flag_raise", case), {"kind": "threats", "note": "Calls at night"})
    body = client.get(url("case_file", case)).content.decode()
    assert "Visited the shelter." in body
    assert "Mother" in body and "Safe contact" in body
    assert "Madre Ficticia" not in body  # family names stay off the page
    assert "Threats to survivor or family" in body
    flag = case.flags.get()
    client.post(url("flag_resolve", case, flag_pk=flag.pk))
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert client.post(url("note_add", case), {"body": "  "}).status_code == 422


def test_add_incident_page_validates_and_records(cast, client):
    client.force_login(cast.caseworker)
    data = {
        "occurred_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        "admin1": "Petén",
        "q_physical": "yes",
        "perpetrator_count": 1,
        "perpetrator_sex": "unknown",
        "perpetrator_age_band": "unknown",
        "perpetrator_relation": "unknown",
    }
    response = client.post(url("incident_add", cast.case), data)
    assert "This date is in the future." in response.content.decode()
    assert cast.case.incidents.count() == 1
    data["occurred_on"] = timezone.localdate().isoformat()
    assert client.post(url("incident_add", cast.case), data).status_code == 302
    assert cast.case.incidents.filter(gbv_type="physical_assault").exists()


def test_consents_are_grouped_as_current_expired_and_withdrawn(cast, client):
    today = timezone.localdate()
    from amparo.people.inputs import ConsentInput

    consent_grant(
        actor=cast.caseworker,
        case=cast.case,
        data=ConsentInput(
            scope="tracing",
            given_by="survivor",
            given_on=today,
            valid_until=today,
        ),
    )
    ConsentGrant.objects.filter(scope="tracing").update(
        valid_until=today - datetime.timedelta(days=1), given_on=today - datetime.timedelta(days=9)
    )
    client.force_login(cast.caseworker)
    body = client.get(url("case_file", cast.case)).content.decode()
    expired = body.split("<h3>Expired</h3>")[1].split("<h3>Withdrawn</h3>")[0]
    assert "Family tracing" in expired


def test_audit_trail_separates_reads_from_changes(cast, client):
    client.force_login(cast.caseworker)
    client.get(url("case_file", cast.case))
    client.force_login(cast.supervisor)
    response = client.get(url("case_audit", cast.case))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Opened the file" in body and "Alicia Caseworker" in body
    assert 'class="read"' in body and 'class="write"' in body
    # Looking at the trail is not itself a read of the file.
    assert not AuditEvent.objects.filter(actor=cast.supervisor, code="case.viewed").exists()


def test_audit_trail_in_spanish_calls_a_write_a_change_not_the_verb(cast, client):
    client.force_login(cast.supervisor)
    client.post("/i18n/setlang/", {"language": "es"})
    body = client.get(url("case_audit", cast.case)).content.decode()
    assert 'class="badge write">Cambio<' in body
    # The header's language button keeps the verb.
    assert ">Cambiar</button>" in body


def _file_queries(client, case: Case) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url("case_file", case)).status_code == 200
    return len(ctx.captured_queries)


def _grow_file(cast, case: Case, n: int) -> None:
    for i in range(n):
        note_add(actor=cast.caseworker, case=case, body=f"note {i}")
        incident_record(actor=cast.caseworker, case=case, data=intake_input().incident)
        family_member_add(actor=cast.caseworker, case=case, relation="sibling")
        case_flag_raise(actor=cast.caseworker, case=case, kind="other")


def test_case_file_queries_do_not_grow_with_the_file(cast, client):
    client.force_login(cast.supervisor)
    _grow_file(cast, cast.case, 1)
    _file_queries(
        client, cast.case
    )  # the first opening adds it to the recent cases (a session write)
    small = _file_queries(client, cast.case)
    _grow_file(cast, cast.case, 6)
    assert _file_queries(client, cast.case) == small


def test_empty_file_sections_say_so(cast, client):
    client.force_login(cast.caseworker)
    body = client.get(url("case_file", cast.case)).content.decode()
    assert "No notes yet." in body and "No family members recorded." in body
