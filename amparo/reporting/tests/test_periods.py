"""Report periods typed in year 1 or 9999: a field error, never a 500 from date arithmetic."""

import pytest

from amparo.testing.api import api_client

QUERIES = [
    "start=0001-01-01",
    "end=0001-01-01",
    "end=9999-12-31",
    "start=0001-01-01&end=9999-12-31",
]


@pytest.mark.parametrize("query", QUERIES)
def test_network_indicators_api_refuses_a_period_it_cannot_hold(cast, query):
    response = api_client(cast.analyst).get(f"/api/v1/network/indicators/?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) <= {"start", "end"} and body
    assert all(
        message.startswith(("Give a date from 1900 onwards.", "Give a date no later than"))
        for messages in body.values()
        for message in messages
    )


@pytest.mark.parametrize("query", QUERIES)
def test_network_dashboard_and_csv_say_why_and_fall_back_to_the_last_year(cast, client, query):
    client.force_login(cast.analyst)
    page = client.get(f"/network/indicators/?{query}")
    assert page.status_code == 200
    form = page.context["form"]
    assert not form.is_valid() and set(form.errors) <= {"start", "end"}
    body = page.content.decode()
    assert "Give a date from 1900 onwards." in body or "Give a date no later than" in body
    assert client.get(f"/network/indicators.csv?{query}").status_code == 200


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(
    "url", ["/api/v1/legal/indicators/", "/api/v1/indicators/restoration/", "/legal/dashboard/"]
)
def test_other_indicators_never_fail_on_such_a_period(cast, client, url, query):
    if url.startswith("/api/"):
        response = api_client(cast.analyst).get(f"{url}?{query}")
    else:
        client.force_login(cast.analyst)
        response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400), response.content[:300]
