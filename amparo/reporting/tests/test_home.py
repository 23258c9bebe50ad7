"""The home page of aggregate roles: the organisation's case counts, always suppressed, with [c]."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from amparo.cases.services import intake_submit
from amparo.reporting.cases import case_counts
from amparo.reporting.suppression import HIDDEN
from amparo.testing.factories import intake_input


def more_cases(cast, n: int) -> None:
    for _ in range(n):
        intake_submit(actor=cast.caseworker, data=intake_input())


def page(client, user, **headers) -> str:
    client.force_login(user)
    response = client.get("/", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_small_count_shows_as_c_and_the_page_explains_the_mark(cast, client):
    body = page(client, cast.analyst)
    assert '<td>Active</td><td class="num">[c]</td>' in body
    assert "<strong>[c]</strong>: hidden to protect confidentiality." in body
    assert "worked out from the others" in body
    assert "&lt;11" not in body
    # Zero singles nobody out: it is shown.
    assert '<td>Closed</td><td class="num">0</td>' in body


def test_counts_at_or_above_the_minimum_are_shown_with_their_total(cast, client):
    more_cases(cast, 11)
    body = page(client, cast.analyst)
    assert '<td>Active</td><td class="num">12</td>' in body
    assert '<th scope="row">All cases</th><td class="num">12</td>' in body


def test_the_counts_are_a_suppressed_report_of_two_tables(cast):
    counts = case_counts(user=cast.analyst)
    assert counts.report.suppressed
    assert [t.key for t in counts.report.tables] == ["by_status", "by_gbv_type"]
    assert all(t.suppressed for t in counts.report.tables)
    assert str(counts.by_status.cell("active", "cases")) == HIDDEN
    assert counts.by_status.total is not None and counts.by_gbv_type.total is None
    assert counts.min_cell == 11


def test_the_number_of_queries_does_not_grow_with_the_cases(cast):
    case_counts(user=cast.analyst)  # the user's membership is then known
    with CaptureQueriesContext(connection) as one:
        case_counts(user=cast.analyst)
    more_cases(cast, 3)
    with CaptureQueriesContext(connection) as four:
        case_counts(user=cast.analyst)
    assert len(one) == len(four) == 2


def test_the_page_is_in_the_users_language(cast, client, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    # The middleware leaves Spanish active in this thread; the override puts it back after.
    with translation.override("en"):
        body = page(client, cast.analyst, HTTP_ACCEPT_LANGUAGE="es")
    assert "Resumen de los casos de su organización" in body
    assert '<th scope="col">Estado</th><th scope="col" class="num">Casos</th>' in body
    assert '<td>Activo</td><td class="num">1</td>' in body
    with translation.override("es"):
        assert case_counts(user=cast.analyst).by_gbv_type.title == (
            "Casos por tipo de incidente (GBVIMS)"
        )
