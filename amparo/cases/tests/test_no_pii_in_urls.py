"""No name, phone or ID number in a URL or a log line.

Every search the pages and the API offer is run through the test client,
recording what an access log keeps (each request's path and query string,
from the WSGI environ) and every log record; none may carry the survivor's
name, phone or ID number, whatever the encoding.
"""

import logging
from urllib.parse import quote, quote_plus

import pytest
from django.core.signals import request_started
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.cases.tests.test_page_intake import answers, step_url
from amparo.testing.api import api_client, intake_payload
from amparo.testing.factories import intake_input

NAME = "Testa Ficticia"
# The standing cast's survivor (amparo.testing.factories.intake_input).
SECRETS = ["Testa", "Ficticia", "Ejemplo", "5555 0100", "55550100", "TEST-0000-0001"]


def needles() -> set[str]:
    found = set()
    for secret in SECRETS:
        for form in (secret, quote(secret), quote_plus(secret)):
            found |= {form, form.lower()}
    return found


@pytest.fixture
def access_log():
    """What a web server's access log would keep: method, path and query string."""
    lines: list[str] = []

    def record(sender, environ, **kwargs):
        query = environ.get("QUERY_STRING", "")
        lines.append(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}?{query}")

    request_started.connect(record)
    yield lines
    request_started.disconnect(record)


def assert_clean(texts: list[str]) -> None:
    assert texts, "nothing was recorded: the check would pass vacuously"
    for text in texts:
        for needle in needles():
            assert needle.lower() not in text.lower(), f"{needle!r} in {text!r}"


def log_texts(caplog) -> list[str]:
    texts = []
    for record in caplog.records:
        texts += [record.getMessage(), repr(record.args), repr(getattr(record, "request", ""))]
    return texts


def test_searches_by_name_phone_and_id_leave_no_trace_in_urls_or_logs(
    cast, client, access_log, caplog
):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.request")
    # A second survivor of the same name, so a search spans two pages.
    intake_submit(actor=cast.caseworker, data=intake_input())
    responses = []

    client.force_login(cast.caseworker)
    caseload = reverse("caseload")
    responses.append(client.post(caseload, {"q": NAME, "by_name": "on"}))
    responses.append(client.post(caseload, {"q": NAME, "by_name": "on"}, HTTP_HX_REQUEST="true"))
    # The intake's duplicate check looks the phone and ID number up.
    client.get(reverse("intake_start"))
    identity = {
        "given_names": "Testa Ficticia",
        "family_names": "Ejemplo Prueba",
        "phone": "+502 5555 0100",
        "national_id": "TEST-0000-0001",
    }
    for step in ("case", "survivor"):
        responses.append(client.post(step_url(step), answers()[step]))
    duplicate = client.post(step_url("identity"), identity)
    assert duplicate.status_code == 200  # the possible duplicate is shown, not skipped
    assert AuditEvent.objects.filter(code="survivor.duplicate_check").exists()
    responses.append(duplicate)

    api = api_client(cast.supervisor)
    search = "/api/v1/cases/search/"
    first = api.post(search + "?page_size=1", {"name": NAME}, format="json")
    assert first.status_code == 200 and first.json()["count"] == 2
    second = api.post(first.json()["next"], {"name": NAME}, format="json")
    assert second.status_code == 200 and len(second.json()["results"]) == 1
    responses += [first, second]
    # Refusals are logged by Django ("Bad Request", "Forbidden"): with the path only.
    responses.append(api.post(search, {"name": NAME * 10}, format="json"))
    responses.append(api_client(cast.admin).post(search, {"name": NAME}, format="json"))
    responses.append(api.post("/api/v1/cases/", intake_payload(identity=identity), format="json"))
    assert [r.status_code for r in responses[-3:]] == [400, 403, 201]

    assert AuditEvent.objects.filter(code="caseload.name_search").count() >= 4
    links = [r.get("Location", "") for r in responses]
    links += [str(r.json().get(k)) for r in (first, second) for k in ("next", "previous")]
    assert_clean(access_log + links)
    assert any("Bad Request" in t for t in log_texts(caplog)), "the 400 was not logged"
    assert_clean(log_texts(caplog))


def test_a_name_search_in_the_address_is_refused_and_not_run(cast, client):
    client.force_login(cast.caseworker)
    page = client.get(reverse("caseload"), {"q": NAME, "by_name": "on"})
    assert page.status_code == 400
    assert "a name must never be in the address" in page.content.decode()
    api = api_client(cast.caseworker).get("/api/v1/cases/", {"q": NAME, "by_name": "true"})
    assert api.status_code == 400 and "by_name" in api.json()
    assert not AuditEvent.objects.filter(code="caseload.name_search").exists()


def test_the_refusal_is_in_spanish_too(cast, client):
    client.force_login(cast.caseworker)
    page = client.get(reverse("caseload"), {"q": NAME, "by_name": "on"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "nunca debe ir en la dirección" in page.content.decode()
