"""Intakes in progress on the server: they survive the session, a rescue night registers
several people quickly, and one is completed later into a case."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.roles import Perm
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Case, IntakeDraft, RescueOperation
from amparo.cases.services import incident_record, rescue_operation_record
from amparo.cases.services.drafts import (
    QuickRegistration,
    intake_draft_submit,
    rescue_quick_register,
)
from amparo.cases.tests.test_page_intake import answers, step_url
from amparo.core.concurrency import ConflictError
from amparo.testing.api import api_client
from amparo.testing.cast import EVERYONE
from amparo.testing.factories import intake_input
from amparo.testing.matrix import covers

TODAY = timezone.localdate()


def rescue(cast) -> RescueOperation:
    return rescue_operation_record(
        actor=cast.caseworker,
        name="Operación Madrugada",
        happened_on=TODAY - datetime.timedelta(days=1),
        admin1="Izabal",
        admin2="Puerto Barrios",
        people_removed=10,
    )


def quick(cast, operation, pseudonym: str, **kwargs) -> IntakeDraft:
    return rescue_quick_register(
        actor=kwargs.pop("actor", cast.caseworker),
        operation=operation,
        data=QuickRegistration(pseudonym=pseudonym, sex="female", birth_year=2008, **kwargs),
    )


def raw_column(draft: IntakeDraft) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT state FROM cases_intakedraft WHERE id = %s", [draft.pk])
        return str(cursor.fetchone()[0])


def test_a_wizard_survives_a_new_session_and_is_encrypted(cast, client):
    client.force_login(cast.caseworker)
    data = answers()
    assert client.get(reverse("intake_start")).status_code == 302
    for step in ("case", "survivor", "identity"):
        assert client.post(step_url(step), data[step]).status_code == 302
    draft = IntakeDraft.objects.get()
    stored = raw_column(draft)
    assert "Colibrí" not in stored and "Inventada" not in stored and "TEST-9999" not in stored
    # A new session (a timeout, another browser): the intake is offered to continue.
    client.logout()
    client.force_login(cast.caseworker)
    page = client.get(reverse("intake_start"))
    assert page.status_code == 200 and "Colibrí Verde" in page.content.decode()
    resumed = client.get(reverse("intake_resume", args=[draft.pk]))
    assert resumed["Location"] == step_url("incident")
    # A colleague without every case never sees it.
    client.force_login(cast.other_caseworker)
    assert client.get(reverse("intake_start")).status_code == 302
    assert client.get(reverse("intake_resume", args=[draft.pk])).status_code == 404


def test_three_people_from_one_rescue_then_one_completed_later(cast, client):
    operation = rescue(cast)
    client.force_login(cast.caseworker)
    register = reverse("rescue_quick_register", args=[operation.pk])
    for name in ("Garza 1", "Garza 2", "Garza 3"):
        response = client.post(
            register,
            {"pseudonym": name, "sex": "female", "birth_year": "2009", "risk_level": "high"},
        )
        assert response["Location"] == register
    assert not Case.objects.filter(rescue_operation=operation).exists()
    detail = client.get(reverse("rescue_detail", args=[operation.pk])).content.decode()
    assert all(f"Garza {n}" in detail for n in (1, 2, 3))
    # Bad input: a clear error, nothing kept.
    refused = client.post(register, {"pseudonym": "", "sex": "female", "risk_level": "high"})
    assert refused.status_code == 422 and IntakeDraft.objects.count() == 3

    draft = IntakeDraft.objects.get(state__isnull=False, pk=_pk_of(operation, "Garza 2"))
    assert client.get(reverse("intake_resume", args=[draft.pk]))["Location"] == step_url("identity")
    assert client.post(step_url("identity"), {"given_names": ""}).status_code == 302
    incident = client.get(step_url("incident")).content.decode()
    # The incident's date and place come from the operation.
    assert operation.happened_on.isoformat() in incident and 'value="Izabal"' in incident
    data = answers()
    data["incident"].update(
        occurred_on=operation.happened_on.isoformat(), admin1="Izabal", contexts=[]
    )
    assert client.post(step_url("incident"), data["incident"]).status_code == 302
    assert client.post(step_url("consent"), data["consent"]).status_code == 302
    review = client.get(step_url("review")).content.decode()
    for step in ("case", "survivor", "identity", "incident", "consent"):
        assert f'href="{step_url(step)}"' in review  # an edit link per section
    response = client.post(step_url("review"))
    case = Case.objects.get(survivor__pseudonym="Garza 2")
    assert response["Location"] == reverse("case_file", args=[case.pk])
    assert case.rescue_operation == operation and case.opened_on == TODAY
    # Trafficking details were given, so the trafficking context is ticked.
    assert "trafficking" in case.incidents.get().contexts
    draft.refresh_from_db()
    assert draft.case == case
    left = client.get(reverse("rescue_detail", args=[operation.pk])).content.decode()
    assert "Garza 1" in left and "Garza 3" in left and "intake_resume" not in left
    assert len(client.get("/api/v1/intake-drafts/").json()) == 2


def _pk_of(operation, pseudonym: str) -> int:
    from amparo.cases.selectors_drafts import draft_summaries

    for summary in draft_summaries(operation.drafts.all()):
        if summary.pseudonym == pseudonym:
            return summary.draft.pk
    raise AssertionError(pseudonym)


def test_one_draft_opens_one_case(cast):
    draft = quick(cast, rescue(cast), "Garza 4")
    intake_draft_submit(actor=cast.caseworker, draft=draft, data=intake_input())
    with pytest.raises(ConflictError):
        intake_draft_submit(actor=cast.caseworker, draft=draft, data=intake_input())
    assert Case.objects.filter(intake_draft=draft).count() == 1


def test_a_supervisor_opens_a_colleagues_draft_audited_and_sets_it_aside(cast, client):
    draft = quick(cast, rescue(cast), "Garza 5", given_names="Ficticia")
    client.force_login(cast.supervisor)
    assert client.get(reverse("intake_resume", args=[draft.pk])).status_code == 302
    assert AuditEvent.objects.filter(
        code=Code.INTAKE_DRAFT_OPENED, actor=cast.supervisor, object_id=str(draft.pk)
    ).exists()
    discard = reverse("intake_discard", args=[draft.pk])
    question = client.get(discard).content.decode()
    assert "Set aside the intake of Garza 5?" in question
    assert IntakeDraft.objects.get(pk=draft.pk).discarded_at is None  # asked, not done
    assert client.post(discard, {"confirm": "yes"}).status_code == 302
    draft.refresh_from_db()
    assert draft.discarded_at is not None  # kept, never deleted
    assert client.get(reverse("intake_resume", args=[draft.pk])).status_code == 404


def test_trafficking_details_tick_the_context_on_every_path(cast):
    incident = incident_record(
        actor=cast.caseworker,
        case=cast.case,
        data=IncidentInput(
            occurred_on=TODAY, admin1="Petén", q_physical=True, exploitation_types=["sexual"]
        ),
    )
    assert "trafficking" in incident.contexts


def test_quick_registration_over_the_api(cast):
    operation = rescue(cast)
    api = api_client(cast.caseworker)
    url = f"/api/v1/rescue-operations/{operation.pk}/quick-registrations/"
    created = api.post(url, {"pseudonym": "Garza 6", "sex": "male"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["next_step"] == "identity"
    assert api.post(url, {"pseudonym": "", "sex": "male"}, format="json").status_code == 400
    listed = api.get("/api/v1/intake-drafts/").json()
    assert [d["pseudonym"] for d in listed] == ["Garza 6"]
    draft_id = listed[0]["id"]
    assert api.post(f"/api/v1/intake-drafts/{draft_id}/discard/").status_code == 200
    assert api.get("/api/v1/intake-drafts/").json() == []


@pytest.mark.parametrize("name", EVERYONE)
@covers(
    "api-rescue-quick-register POST",
    "api-intake-drafts GET",
    "api-intake-draft-discard POST",
    "rescue_quick_register",
    "intake_resume",
    "intake_discard",
)
def test_drafts_for_the_cast(cast, client, name):
    operation = rescue(cast)
    draft = quick(cast, operation, "Garza 7")
    user = cast.user(name)
    api = cast.client(name)
    registered = api.post(
        f"/api/v1/rescue-operations/{operation.pk}/quick-registrations/",
        {"pseudonym": "Garza 8", "sex": "female"},
        format="json",
    )
    listed = api.get("/api/v1/intake-drafts/")
    discarded = api.post(f"/api/v1/intake-drafts/{draft.pk}/discard/")
    if user is not None:
        client.force_login(user)
    pages = [
        client.get(reverse("rescue_quick_register", args=[operation.pk])).status_code,
        client.get(reverse("intake_resume", args=[draft.pk])).status_code,
        client.get(reverse("intake_discard", args=[draft.pk])).status_code,
    ]
    membership = user.active_membership if user is not None else None
    in_lex = membership is not None and membership.organisation_id == cast.lex.pk
    runs_intakes = membership is not None and user.has_amparo_perm(Perm.INTAKE)
    works_draft = (
        in_lex and runs_intakes and (name == "caseworker" or user.has_amparo_perm(Perm.CASES_ALL))
    )
    if runs_intakes and not in_lex:  # another organisation's operation and draft
        assert (registered.status_code, discarded.status_code) == (404, 404)
        assert listed.json() == [] and pages == [404, 404, 404]
    elif works_draft:  # the draft's author, or who opens every case
        assert (registered.status_code, listed.status_code) == (201, 200)
        assert discarded.status_code == 200
        assert pages[0] == 200
    elif runs_intakes:  # runs intakes, but the draft is a colleague's
        assert registered.status_code == 201 and discarded.status_code == 404
        assert pages == [200, 404, 404]
    else:
        assert registered.status_code in (401, 403, 404)
        assert discarded.status_code in (401, 403, 404)
        assert listed.status_code in (401, 403)
        assert all(code in (302, 403, 404) for code in pages)
        assert IntakeDraft.objects.filter(discarded_at__isnull=False).count() == 0
