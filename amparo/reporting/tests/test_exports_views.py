"""The shared helper of export views: one URL shape (``export_paths``), one response, its links."""

import pytest
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.test import RequestFactory
from django.urls import include, path

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.exceptions import NotFound
from amparo.reporting.tests.sample_report import sample_report
from amparo.reporting.views.common import export_links, export_paths, export_response


@perm_required_view(Perm.AGGREGATES)
def sample_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """An export view as a dashboard writes one."""
    return export_response(request, sample_report(), fmt=fmt, filename="sample")


# The project's routes too: an error page links home.
urlpatterns = [
    *export_paths("sample", sample_export, name="sample_export"),
    path("", include("config.urls")),
]

pytestmark = pytest.mark.urls(__name__)


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_an_export_route_answers_each_format_and_audits_it_once(cast, client, fmt, content_type):
    client.force_login(cast.analyst)
    response = client.get(f"/sample.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED).count() == 1


def test_no_other_format_is_a_route(cast, client):
    client.force_login(cast.analyst)
    assert client.get("/sample.pdf").status_code == 404
    assert not AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED).exists()


@pytest.mark.parametrize("name", ["outsider", "caseworker", "inactive"])
def test_who_may_not_see_aggregates_gets_no_export(cast, client, name):
    client.force_login(cast.user(name))
    assert client.get("/sample.csv").status_code == 403
    assert not AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED).exists()


def test_an_unknown_format_passed_by_hand_is_not_found(cast):
    request = RequestFactory().get("/")
    request.user = cast.analyst
    with pytest.raises(NotFound):
        export_response(request, sample_report(), fmt="pdf", filename="x")


def test_the_links_keep_the_pages_filters(cast):
    request = RequestFactory().get("/", {"court": "3", "start": "2026-01-01"})
    assert export_links(request, "sample_export") == [
        ("Download CSV", "/sample.csv?court=3&start=2026-01-01"),
        ("Download XLSX", "/sample.xlsx?court=3&start=2026-01-01"),
    ]
    assert export_links(RequestFactory().get("/"), "sample_export")[0] == (
        "Download CSV",
        "/sample.csv",
    )
