"""Every route is classified, and every route that reads survivor data leaves an
audit event naming each survivor it showed (amparo.core.routes).

A route added without a class fails ``test_every_route_is_classified``; a
``READS`` route missing from ``VISITS`` fails ``test_every_read_route_is_visited``.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import path, reverse

from amparo.audit.models import AuditEvent
from amparo.audit.tests.world import Everything, build_everything
from amparo.cases.api.cases import CaseCreateApi, CaseListApi
from amparo.core.api_base import by_method
from amparo.core.routes import READS, Route, all_routes, unclassified_routes
from amparo.testing.api import api_client
from amparo.testing.cast import build_cast
from amparo.testing.shared import rolled_back

REASON = "Fictional reason for the route test"
# Case file, restoration and legal case: everything of Lex's organisation.
LEX = "supervisor"
RECEIVER = "partner_caseworker"


@dataclass(frozen=True)
class Visit:
    """Who opens a read route, and whose files it shows: the case itself, or both
    victims of the legal case. ``data`` is the body of a read made by POST."""

    user: str = LEX
    shows: str = "case"  # "case" or "legal"
    data: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)  # URL parameter -> key of ids()


LEGAL = Visit(shows="legal")
REVEAL = {"reason": REASON}

# Every (route, method) classified READS, and how to open it.
VISITS: dict[tuple[str, str], list[Visit]] = {
    ("caseload", "POST"): [Visit(user="caseworker", data={"q": "Testa Ficticia", "by_name": "on"})],
    ("api-cases-search", "POST"): [Visit(data={"name": "Testa Ficticia"})],
    ("case_file", "*"): [Visit(), Visit(user="caseworker")],
    ("identity_reveal", "*"): [Visit(), Visit(data=REVEAL)],
    ("identity_edit", "GET"): [Visit()],
    ("case_audit", "*"): [Visit(), Visit(user="admin")],
    ("case_edit", "GET"): [Visit()],
    ("survivor_edit", "GET"): [Visit()],
    ("incident_add", "GET"): [Visit()],
    ("incident_edit", "GET"): [Visit()],
    ("note_add", "GET"): [Visit()],
    ("family_add", "GET"): [Visit()],
    ("flag_raise", "GET"): [Visit()],
    ("consent_add", "GET"): [Visit()],
    ("consent_withdraw", "GET"): [Visit()],
    ("unassign", "GET"): [Visit()],
    ("case_restoration", "*"): [Visit()],
    ("placement_new", "GET"): [Visit()],
    ("placement_end", "GET"): [Visit()],
    ("care_plan_new", "GET"): [Visit()],
    ("care_plan_review", "GET"): [Visit()],
    ("service_new", "GET"): [Visit()],
    ("counselling_new", "GET"): [Visit()],
    ("assessment_new", "GET"): [Visit()],
    ("family_assessment_new", "GET"): [Visit()],
    ("reintegration_new", "GET"): [Visit()],
    ("reintegration_decide", "GET"): [Visit()],
    ("reintegration_complete", "GET"): [Visit()],
    ("follow_up_record", "GET"): [Visit()],
    ("case_close", "GET"): [Visit()],
    ("closure_request_new", "GET"): [Visit(user="caseworker")],
    ("closure_request_detail", "GET"): [Visit(), Visit(user="caseworker")],
    ("legal_case", "*"): [LEGAL, Visit(user="lawyer", shows="legal")],
    ("legal_case_close", "GET"): [LEGAL],
    ("legal_stage_record", "GET"): [LEGAL],
    ("legal_stage_correct", "GET"): [LEGAL],
    ("legal_accused_add", "GET"): [LEGAL],
    ("legal_accused_reveal", "*"): [LEGAL, Visit(shows="legal", data=REVEAL)],
    ("legal_charge_add", "GET"): [LEGAL],
    ("legal_verdict", "GET"): [LEGAL],
    ("legal_sentence", "GET"): [Visit(shows="legal", params={"charge_pk": "convicted_pk"})],
    ("legal_hearing_schedule", "GET"): [LEGAL],
    ("legal_hearing_outcome", "GET"): [LEGAL],
    ("legal_hearing_postpone", "GET"): [LEGAL],
    ("legal_victim_link", "GET"): [LEGAL],
    ("legal_lawyer_assign", "GET"): [LEGAL],
    ("referral_send", "GET"): [Visit(user="caseworker")],
    ("referral_detail", "*"): [Visit(user="caseworker"), Visit(user=RECEIVER)],
    ("referral_revoke", "GET"): [Visit(user="caseworker")],
    ("referral_complete", "GET"): [Visit(user=RECEIVER)],
    ("referral_service_add", "GET"): [Visit(user=RECEIVER)],
    ("referral_placement_new", "GET"): [Visit(user=RECEIVER)],
    ("referral_assessment_new", "GET"): [Visit(user=RECEIVER)],
    ("referral_care_plan_new", "GET"): [Visit(user=RECEIVER)],
    ("transfer_request", "GET"): [Visit()],
    ("transfer_detail", "*"): [Visit(), Visit(user="partner_supervisor")],
    ("transfer_accept", "GET"): [Visit(user="partner_supervisor")],
    ("transfer_cancel", "GET"): [Visit()],
    ("api-case", "GET"): [Visit()],
    ("api-identity-reveal", "POST"): [Visit(data=REVEAL)],
    ("api-survivor", "GET"): [Visit()],
    ("api-incidents", "GET"): [Visit()],
    ("api-incident", "GET"): [Visit()],
    ("api-consents", "GET"): [Visit()],
    ("api-notes", "GET"): [Visit()],
    ("api-closure-requests", "GET"): [Visit(), Visit(user="caseworker")],
    ("api-placements", "GET"): [Visit()],
    ("api-care-plans", "GET"): [Visit()],
    ("api-services", "GET"): [Visit()],
    ("api-counselling-sessions", "GET"): [Visit()],
    ("api-assessments", "GET"): [Visit()],
    ("api-family-assessments", "GET"): [Visit()],
    ("api-reintegrations", "GET"): [Visit()],
    ("api-follow-ups", "GET"): [Visit()],
    ("api-legal-case", "GET"): [LEGAL],
    ("api-accused-list", "GET"): [LEGAL],
    ("api-accused-reveal", "POST"): [Visit(shows="legal", data=REVEAL)],
    ("api-stages", "GET"): [LEGAL],
    ("api-hearings", "GET"): [LEGAL],
    ("api-referral", "GET"): [Visit(user="caseworker"), Visit(user=RECEIVER)],
    ("api-referral-shared", "GET"): [Visit(user=RECEIVER)],
    ("api-transfer", "GET"): [Visit(), Visit(user="partner_supervisor")],
    ("api-case-referrals", "GET"): [Visit(user="caseworker")],
    ("api-case-transfers", "GET"): [Visit()],
    ("api-case-referral-partners", "GET"): [Visit(user="caseworker")],
}

PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def read_routes() -> list[tuple[Route, str]]:
    """Each (route, method) classified READS; a function view's ``*`` stands for GET."""
    return [
        (route, method)
        for route in all_routes()
        for method in route.methods
        if route.access_for(method) == READS
    ]


def test_every_route_is_classified():
    missing = unclassified_routes()
    assert not missing, "Classify these routes in their urls module's ROUTE_ACCESS:\n" + "\n".join(
        missing
    )


def test_the_registry_sees_every_api_method():
    routes = {route.name: route for route in all_routes()}
    assert routes["api-cases"].methods == ("GET", "POST")
    assert routes["api-case"].access_for("GET") == READS
    assert routes["api-case"].access_for("PATCH") == "writes"
    assert routes["note_add"].methods == ("GET", "POST")
    assert routes["admin:index"].access_for("*") == "signed_in"


def test_every_read_route_is_visited():
    keys = {(route.name, method) for route, method in read_routes()}
    unvisited = sorted(keys - set(VISITS))
    assert not unvisited, f"Add these READS routes to VISITS: {unvisited}"
    assert not set(VISITS) - keys, "VISITS names routes that are not READS"


def test_the_admin_shows_no_survivor_data():
    # The admin is classified signed-in; it must never register a model of survivor data.
    survivor_apps = {"people", "cases", "justice", "aftercare", "network", "audit"}
    registered = {model._meta.app_label for model in admin.site._registry}
    assert registered, "the admin registers nothing: the check would pass vacuously"
    assert not registered & survivor_apps


@pytest.fixture(scope="module")
def everything_once(django_db_setup, django_db_blocker):
    """The cast and a file with every kind of record, built once for the visits below
    (each visit is undone in its own savepoint) and rolled back after them."""
    with rolled_back(django_db_blocker):
        yield build_everything(build_cast())


@pytest.fixture
def everything(everything_once, db) -> Everything:
    return everything_once


def _url(route_name: str, pattern: str, visit: Visit, ids: dict[str, int]) -> str:
    kwargs = {}
    for param in PARAM.findall(pattern):
        key = visit.params.get(param, param)
        if key == "pk":
            key = "legal" if pattern.startswith("legal/") else "case"
        kwargs[param] = ids[key]
    return reverse(route_name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "method"), sorted(VISITS))
def test_a_read_route_names_each_survivor_it_showed(everything, name, method):
    route = next(r for r in all_routes() if r.name == name)
    ids = everything.ids()
    for visit in VISITS[(name, method)]:
        user = getattr(everything.cast, visit.user)
        client = api_client(user)
        url = _url(name, route.pattern, visit, ids)
        shown = [everything.cast.case]
        if visit.shows == "legal":
            shown.append(everything.second_case)
        before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if visit.data or method == "POST":
            if route.is_api:
                response = client.post(url, visit.data, format="json")
            else:
                response = client.post(url, visit.data)
        else:
            response = client.get(url)
        assert response.status_code == 200, (name, visit, response.status_code)
        written = AuditEvent.objects.filter(id__gt=before, actor=user)
        named = set(written.values_list("case_id", "survivor_id"))
        for case in shown:
            assert (case.pk, case.survivor_id) in named, (
                f"{name} {method} as {visit.user} wrote no event naming case {case.code}"
            )


def _unclassified_view(request):
    raise AssertionError("never called")


urlpatterns = [
    path("new-page/", _unclassified_view, name="new_page"),
    path("classified/", _unclassified_view, name="classified"),
    path("half/", by_method(GET=CaseListApi, POST=CaseCreateApi), name="half"),
]
ROUTE_ACCESS = {"classified": READS, "half": {"GET": READS}}


@override_settings(ROOT_URLCONF=__name__)
def test_a_route_added_without_a_class_is_listed():
    missing = unclassified_routes()
    assert len(missing) == 2
    assert missing[0].startswith("new_page new-page/")
    assert missing[1].startswith("half half/") and "POST" in missing[1]
