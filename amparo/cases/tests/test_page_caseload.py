"""The caseload page: search, filters, pagination, htmx and constant query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.people.inputs import IdentityInput
from amparo.testing.factories import intake_input

CASELOAD = "/cases/"


def open_cases(actor, n: int, **overrides) -> list:
    cases = []
    for i in range(n):
        data = intake_input(**overrides)
        data.survivor.pseudonym = f"Estrella {i:03d}"
        data.identity = IdentityInput(given_names=f"Nombre{i}", family_names="Prueba")
        cases.append(intake_submit(actor=actor, data=data))
    return cases


def test_caseload_lists_codes_and_pseudonyms_never_names(cast, client):
    client.force_login(cast.caseworker)
    response = client.get(CASELOAD)
    body = response.content.decode()
    assert response.status_code == 200
    assert cast.case.code in body and "Mariposa Azul" in body
    assert "Testa" not in body and "Ficticia" not in body
    assert 'name="by_name"' in body


def test_name_search_checkbox_only_for_those_allowed(cast, client):
    client.force_login(cast.admin)
    body = client.get(CASELOAD).content.decode()
    assert 'name="by_name"' not in body
    # A forged by_name from an admin is ignored, not obeyed.
    found = client.post(CASELOAD, {"q": "Testa Ficticia", "by_name": "on"}, follow=True)
    assert "No cases match" in found.content.decode()
    assert not AuditEvent.objects.filter(code="caseload.name_search").exists()


def test_name_search_is_audited(cast, client):
    client.force_login(cast.caseworker)
    found = client.post(CASELOAD, {"q": "Testa Ficticia", "by_name": "on"}).content.decode()
    assert cast.case.code in found
    assert AuditEvent.objects.filter(code="caseload.name_search", actor=cast.caseworker).exists()


def test_filters_and_empty_states(cast, client):
    client.force_login(cast.supervisor)
    assert cast.case.code in client.get(CASELOAD, {"status": "active"}).content.decode()
    none = client.get(CASELOAD, {"status": "closed"}).content.decode()
    assert "No cases match your search or filters." in none
    assert (
        "No cases match" in client.post(CASELOAD, {"q": "ZZZ-NOPE"}, follow=True).content.decode()
    )
    # "Only mine": the supervisor is not assigned to the case.
    assert "No cases match" in client.get(CASELOAD, {"mine": "on"}).content.decode()
    client.force_login(cast.partner_caseworker)
    assert "You have no cases yet." in client.get(CASELOAD).content.decode()


def test_htmx_request_gets_only_the_results(cast, client):
    client.force_login(cast.caseworker)
    response = client.post(CASELOAD, {"q": cast.case.code[:6]}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body and cast.case.code in body


def test_pagination(cast, client, settings):
    settings.AMPARO_CASELOAD_PAGE_SIZE = 2
    open_cases(cast.caseworker, 3)
    client.force_login(cast.caseworker)
    first = client.get(CASELOAD).content.decode()
    assert "Page 1 of 2" in first and 'name="page" value="2"' in first
    second = client.post(CASELOAD, {"page": "2"}, follow=True).content.decode()
    assert "Page 2 of 2" in second


def test_caseload_queries_do_not_grow_with_the_caseload(cast, client):
    client.force_login(cast.supervisor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(CASELOAD).status_code == 200
        return len(ctx.captured_queries)

    open_cases(cast.caseworker, 2)
    few = queries()
    open_cases(cast.caseworker, 27)
    assert queries() == few


def test_rescue_pages(cast, client):
    client.force_login(cast.caseworker)
    assert "No rescue operations recorded yet." in client.get("/rescues/").content.decode()
    response = client.post(
        reverse("rescue_new"),
        {
            "name": "Operación Amanecer",
            "happened_on": "2026-01-15",
            "admin1": "Izabal",
            "agencies": "PNC, MP , ",
            "people_removed": "4",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Operación Amanecer" in detail and "PNC, MP" in detail
    assert "Full intake for one person" in detail
    bad = client.post(reverse("rescue_new"), {"name": "", "people_removed": "0"})
    assert bad.status_code == 422
