"""The header's search, and the caseload's search kept when the user comes back.

No name ever reaches a URL: not the search's, not a redirect's ``Location``,
and the session store holds the typed text only encrypted.
"""

from django.contrib.sessions.models import Session
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.kept import SEARCH_KEY
from amparo.cases.tests.test_page_caseload import open_cases

CASELOAD = "/cases/"
NAME = "Testa Ficticia"  # the cast's survivor's legal name (amparo.testing.factories)
HX = {"HX-Request": "true"}


def test_the_header_search_posts_and_the_caseload_answers_at_its_own_address(cast, client):
    client.force_login(cast.caseworker)
    body = client.get(reverse("my_work")).content.decode()
    assert 'class="site-search" method="post" action="/cases/"' in body
    response = client.post(CASELOAD, {"q": cast.case.code})
    assert response.status_code == 302 and response["Location"] == CASELOAD
    page = client.get(CASELOAD).content.decode()
    assert cast.case.code in page and f'value="{cast.case.code}"' in page
    # The caseload has its own search box: the header's is not repeated there.
    assert 'id="site-search-q"' not in page


def test_a_name_typed_anywhere_never_reaches_a_url(cast, client):
    client.force_login(cast.caseworker)
    responses = [
        client.post(CASELOAD, {"q": NAME}),  # the header's box, a name typed in it
        client.post(CASELOAD, {"q": NAME, "by_name": "on"}),
        client.post(CASELOAD, {"q": NAME, "by_name": "on"}, headers=HX),
        client.post(CASELOAD, {"clear": "1"}),
        client.get(CASELOAD),
    ]
    for response in responses:
        assert NAME not in response.get("Location", "")
        assert "Testa" not in response.get("Location", "")
    name_search = responses[1]
    assert name_search.status_code == 200 and cast.case.code in name_search.content.decode()


def test_the_session_store_holds_the_search_text_only_encrypted(cast, client):
    client.force_login(cast.caseworker)
    client.post(CASELOAD, {"q": NAME, "by_name": "on"}, headers=HX)
    stored = Session.objects.get(session_key=client.session.session_key)
    assert "Testa" not in stored.session_data
    kept = stored.get_decoded()[SEARCH_KEY]
    assert kept["by_name"] == "on" and "Testa" not in kept["q"]


def test_going_back_keeps_the_filters_and_the_page(cast, client, settings):
    settings.AMPARO_CASELOAD_PAGE_SIZE = 2
    open_cases(cast.caseworker, 3, risk_level="high")
    client.force_login(cast.caseworker)
    client.post(CASELOAD, {"risk_level": "high", "status": "open", "page": "2"}, headers=HX)
    client.get(reverse("case_file", kwargs={"pk": cast.case.pk}))
    back = client.get(CASELOAD).content.decode()
    assert '<option value="high" selected>' in back
    assert '<option value="open" selected>' in back
    assert "Page 2 of 2" in back
    # An address of its own (a link with filters) is a search of its own.
    assert "Page 1 of" in client.get(CASELOAD, {"status": "active"}).content.decode()
    cleared = client.post(CASELOAD, {"clear": "1"}, follow=True).content.decode()
    assert '<option value="high" selected>' not in cleared


def test_a_kept_name_search_is_not_run_by_a_page_load(cast, client):
    client.force_login(cast.caseworker)
    client.post(CASELOAD, {"q": NAME, "by_name": "on"}, headers=HX)
    searches = AuditEvent.objects.filter(code="caseload.name_search")
    before = searches.count()
    back = client.get(CASELOAD)
    body = back.content.decode()
    assert back.status_code == 200 and searches.count() == before
    assert cast.case.code not in body.split('id="results"')[1]
    assert "Your search by name is kept" in body
    # The page posts the kept form on load (htmx): that search is audited again.
    assert 'hx-trigger="load, submit' in body
    again = client.post(CASELOAD, {"q": NAME, "by_name": "on"}, headers=HX).content.decode()
    assert cast.case.code in again and searches.count() == before + 1


def test_a_kept_search_the_role_may_no_longer_make_is_dropped(cast, client):
    client.force_login(cast.caseworker)
    client.post(CASELOAD, {"q": NAME, "by_name": "on", "status": "open"}, headers=HX)
    session = client.session
    session[SEARCH_KEY] = {**session[SEARCH_KEY], "status": "no-such-status"}
    session.save()
    body = client.get(CASELOAD).content.decode()
    assert "Select a valid choice" not in body and cast.case.code in body
    assert SEARCH_KEY not in client.session


def test_a_name_in_the_address_is_still_refused(cast, client):
    client.force_login(cast.caseworker)
    response = client.get(CASELOAD, {"q": NAME, "by_name": "on"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(code="caseload.name_search").exists()
