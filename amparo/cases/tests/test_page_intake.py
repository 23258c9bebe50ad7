"""The intake wizard through the test client, step by step."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.tests.pages import lex_rescue
from amparo.people.models import Survivor

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def step_url(step: str) -> str:
    return reverse("intake_step", kwargs={"step": step})


def answers() -> dict[str, dict[str, object]]:
    """A complete, valid intake about a clearly fictional person."""
    return {
        "case": {"origin": "report", "opened_on": TODAY.isoformat(), "risk_level": "high"},
        "survivor": {
            "pseudonym": "Colibrí Verde",
            "sex": "female",
            "birth_year": "1999",
            "nationality": "GT",
            "languages": ["es", "quc"],
            "disability": "none",
            "displacement": "resident",
        },
        "identity": {
            "given_names": "Ficticia Ejemplar",
            "family_names": "Persona Inventada",
            "date_of_birth": "1999-05-02",
            "phone": "+502 5555 0199",
            "national_id": "TEST-9999-0002",
        },
        "incident": {
            "occurred_on": (TODAY - datetime.timedelta(days=5)).isoformat(),
            "admin1": "Guatemala",
            "admin2": "Mixco",
            "q_penetration": "no",
            "q_sexual_contact": "yes",
            "q_physical": "yes",
            "contexts": ["trafficking"],
            "exploitation_types": ["sexual"],
            "means_of_control": ["threats"],
            "perpetrator_count": "2",
            "perpetrator_sex": "male",
            "perpetrator_age_band": "26-40",
            "perpetrator_relation": "recruiter",
            "description": "Fictional description.",
        },
        "consent": {
            "services_given": "on",
            "services_given_by": "survivor",
            "services_given_on": TODAY.isoformat(),
        },
    }


def run_steps(client, data, *, until: str = "consent") -> None:
    assert client.get(reverse("intake_start")).status_code == 302
    for step, values in data.items():
        response = client.post(step_url(step), values)
        assert response.status_code == 302, (step, response.content.decode()[-3000:])
        if step == until:
            return


def counts() -> tuple[int, int, int]:
    return Case.objects.count(), Survivor.objects.count(), AuditEvent.objects.count()


def test_whole_wizard_opens_the_case_and_it_is_found_in_the_caseload(cast, client):
    client.force_login(cast.caseworker)
    data = answers()
    data["consent"].update(
        share_given="on",
        share_given_by="survivor",
        share_given_on=TODAY.isoformat(),
        share_recipient=str(cast.refugio.pk),
        share_sections=["incidents", "assessments"],
    )
    run_steps(client, data)
    review = client.get(step_url("review"))
    body = review.content.decode()
    assert review.status_code == 200
    assert "Restoration assessments" in body
    assert "Colibrí Verde" in body and "Sexual assault" in body
    # The review lists which identity fields were given, never their values.
    assert "Given names" in body and "Ficticia" not in body

    response = client.post(step_url("review"))
    case = Case.objects.get(survivor__pseudonym="Colibrí Verde")
    assert response["Location"] == reverse("case_file", kwargs={"pk": case.pk})
    assert case.risk_level == "high"
    incident = case.incidents.get()
    assert incident.gbv_type == "sexual_assault"
    assert set(incident.contexts) == {"trafficking"}
    assert {c.scope for c in case.survivor.consents.all()} == {"services", "share"}
    assert case.survivor.consents.get(scope="share").sections == ["assessments", "incidents"]
    assert case.survivor.identity.family_names == "Persona Inventada"
    page = client.get(response["Location"])
    assert f"Case {case.code} opened." in page.content.decode()

    caseload = reverse("caseload")
    for search in (
        {"q": case.code},
        {"q": "colibrí"},
        {"q": "Ficticia Inventada", "by_name": "on"},
    ):
        found = client.post(caseload, search, follow=True).content.decode()
        assert case.code in found, search
        assert "Ficticia" not in found.replace(search["q"], "")


def test_identity_never_sits_in_the_session_in_clear(cast, client):
    client.force_login(cast.caseworker)
    run_steps(client, answers(), until="incident")
    stored = "".join(s.get_decoded().__repr__() for s in Session.objects.all())
    assert "TEST-9999-0002" not in stored and "Inventada" not in stored
    assert "Fictional description." not in stored


def test_steps_cannot_be_skipped(cast, client):
    client.force_login(cast.caseworker)
    client.get(reverse("intake_start"))
    assert client.get(step_url("incident"))["Location"] == step_url("case")


def test_intake_from_a_rescue_operation(cast, client):
    operation = lex_rescue(cast)
    client.force_login(cast.caseworker)
    client.get(reverse("intake_from_rescue", kwargs={"pk": operation.pk}))
    form = client.get(step_url("case")).content.decode()
    assert f'value="{operation.pk}" selected' in form
    data = answers()
    data["case"].update(origin="rescue", rescue_operation=str(operation.pk))
    run_steps(client, data)
    client.post(step_url("review"))
    case = Case.objects.get(survivor__pseudonym="Colibrí Verde")
    assert case.rescue_operation == operation
    detail = client.get(reverse("rescue_detail", kwargs={"pk": operation.pk})).content.decode()
    assert case.code in detail


@pytest.mark.parametrize(
    ("step", "change", "message"),
    [
        (
            "incident",
            {"occurred_on": (TODAY + datetime.timedelta(days=2)).isoformat()},
            "This date is in the future.",
        ),
        ("incident", {"means_of_control": ["mind_control"]}, "mind_control"),
        ("survivor", {"sex": "robot"}, "robot"),
        (
            "consent",
            {
                "services_given_on": (TODAY - datetime.timedelta(days=30)).isoformat(),
                "services_valid_until": YESTERDAY.isoformat(),
            },
            "This consent has already expired",
        ),
    ],
)
def test_bad_step_input_is_shown_by_the_field_and_nothing_is_written(
    cast, client, step, change, message
):
    client.force_login(cast.caseworker)
    data = answers()
    data[step].update(change)
    steps = list(data)
    run_steps(client, data, until=steps[steps.index(step) - 1])
    before = counts()
    response = client.post(step_url(step), data[step])
    assert response.status_code == 422
    assert message in response.content.decode()
    assert counts() == before


def test_existing_case_code_is_refused_on_submit_and_nothing_is_written(cast, client):
    client.force_login(cast.caseworker)
    data = answers()
    data["case"]["case_code"] = cast.case.code.lower()
    run_steps(client, data)
    before = counts()
    response = client.post(step_url("review"))
    body = response.content.decode()
    assert response.status_code == 422
    assert f"Case code {cast.case.code} already exists" in body
    assert 'name="case_code"' in body  # sent back to the step that has the field
    assert counts() == before


def test_possible_duplicate_shows_codes_the_user_may_open(cast, client):
    client.force_login(cast.caseworker)
    data = answers()
    data["identity"]["national_id"] = "TEST-0000-0001"  # the cast survivor's
    run_steps(client, data, until="survivor")
    response = client.post(step_url("identity"), data["identity"])
    body = response.content.decode()
    assert response.status_code == 200
    assert "Possible existing survivor" in body and cast.case.code in body
    # Acknowledged, the wizard continues.
    data["identity"]["acknowledge_duplicate"] = "on"
    response = client.post(step_url("identity"), data["identity"])
    assert response["Location"] == step_url("incident")


def test_possible_duplicate_in_a_case_the_user_cannot_open_shows_no_code(cast, client):
    client.force_login(cast.other_caseworker)
    data = answers()
    data["identity"]["national_id"] = "TEST-0000-0001"
    run_steps(client, data, until="survivor")
    body = client.post(step_url("identity"), data["identity"]).content.decode()
    assert "ask your supervisor" in body.lower()
    assert cast.case.code not in body


def test_classify_preview_follows_the_gbvims_order(cast, client):
    client.force_login(cast.caseworker)
    url = reverse("intake_classify")
    assert "Physical assault" in client.get(url, {"q_physical": "yes"}).content.decode()
    both = client.get(url, {"q_physical": "yes", "q_penetration": "yes"}).content.decode()
    assert "Rape" in both
    assert "Non-GBV" in client.get(url).content.decode()


def test_duplicate_check_is_audited_without_identity_values(cast, client):
    client.force_login(cast.caseworker)
    data = answers()
    run_steps(client, data, until="survivor")
    assert not AuditEvent.objects.filter(code="survivor.duplicate_check").exists()
    client.post(step_url("identity"), data["identity"])
    event = AuditEvent.objects.get(code="survivor.duplicate_check")
    assert (event.actor, event.organisation) == (cast.caseworker, cast.lex)
    assert (event.object_type, event.object_id) == ("accounts.organisation", str(cast.lex.pk))
    assert event.case is None and event.survivor is None
    assert event.reason == "" and event.changed_fields == []


def test_empty_identity_is_not_checked_for_duplicates(cast, client):
    client.force_login(cast.caseworker)
    run_steps(client, answers(), until="survivor")
    response = client.post(step_url("identity"), {})
    assert response["Location"] == step_url("incident")
    assert not AuditEvent.objects.filter(code="survivor.duplicate_check").exists()
