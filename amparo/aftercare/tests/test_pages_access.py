"""Every restoration page against the whole cast: who gets in, who gets 404, who gets 403."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from amparo.accounts.roles import Perm
from amparo.aftercare.tests.records import restoration_records
from amparo.testing.cast import MAY_OPEN_CASE
from amparo.testing.matrix import covers

CASE_PERMS = (Perm.CASES_ASSIGNED, Perm.CASES_ALL)
FACILITY_PERMS = (*CASE_PERMS, Perm.AGGREGATES)


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: tuple[tuple[str, str], ...]
    perms: tuple[Perm, ...]
    kind: str  # "case": Lex's case; "lex": a Lex record; "page": no record

    def url(self, ids: dict[str, int]) -> str:
        return reverse(self.name, kwargs={k: ids[v] for k, v in self.kwargs})


def _case(name: str, *perms: Perm, extra: tuple = ()) -> Page:
    return Page(name, (("pk", "case"), *extra), perms or CASE_PERMS, "case")


PAGES = [
    Page("my_work", (), CASE_PERMS, "page"),
    Page("facility_list", (), FACILITY_PERMS, "page"),
    Page("facility_new", (), (Perm.ASSIGN,), "page"),
    Page("facility_detail", (("facility_pk", "facility"),), FACILITY_PERMS, "lex"),
    Page("restoration_dashboard", (), (Perm.AGGREGATES,), "page"),
    Page("restoration_dashboard_csv", (), (Perm.AGGREGATES,), "page"),
    Page("restoration_dashboard_xlsx", (), (Perm.AGGREGATES,), "page"),
    Page("instrument_admin", (), (Perm.MANAGE_ORG,), "page"),
    _case("case_restoration"),
    _case("placement_new", Perm.EDIT_CASE),
    _case("placement_end", Perm.EDIT_CASE, extra=(("placement_pk", "placement"),)),
    _case("care_plan_new", Perm.EDIT_CASE),
    _case("care_plan_review", Perm.EDIT_CASE, extra=(("plan_pk", "plan"),)),
    _case("service_new", Perm.EDIT_CASE),
    _case("counselling_new", Perm.EDIT_CASE),
    _case("assessment_new", Perm.EDIT_CASE),
    _case("family_assessment_new", Perm.EDIT_CASE),
    _case("reintegration_new", Perm.EDIT_CASE),
    _case("reintegration_decide", Perm.ASSIGN, extra=(("reintegration_pk", "reintegration"),)),
    _case("reintegration_complete", Perm.EDIT_CASE, extra=(("reintegration_pk", "reintegration"),)),
    _case("follow_up_record", Perm.EDIT_CASE, extra=(("follow_up_pk", "follow_up"),)),
    _case("case_close", Perm.EDIT_CASE),
]
POST_PAGES = [
    _case("care_plan_submit", Perm.EDIT_CASE, extra=(("plan_pk", "plan"),)),
    _case("care_plan_approve", Perm.ASSIGN, extra=(("plan_pk", "plan"),)),
    _case("family_assessment_approve", Perm.ASSIGN, extra=(("assessment_pk", "family"),)),
    Page("task_done", (("task_pk", "task"),), CASE_PERMS, "task"),
]


def expected_status(page: Page, name: str, user) -> int:
    allowed = any(user.has_amparo_perm(p) for p in page.perms)
    if page.kind == "case":
        return 200 if name in MAY_OPEN_CASE and allowed else 404
    if page.kind == "task":
        return 302 if name == "supervisor" else 404
    if page.kind == "lex":
        is_lex = user.active_membership and user.active_membership.organisation.code == "LEX"
        return 200 if allowed and is_lex else 404
    return 200 if allowed else 403


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name, marks=covers(p.name)) for p in PAGES])
def test_every_cast_member_gets_the_right_answer(cast, client, page):
    url = page.url(restoration_records(cast).ids())
    for name, user in cast.everyone().items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected_status(page, name, user), name
        if response.status_code == 200:
            assert "no-store" in response.get("Cache-Control", ""), name
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "page", [pytest.param(p, id=p.name, marks=covers(p.name)) for p in POST_PAGES]
)
def test_post_only_pages_refuse_everyone_else(cast, client, page):
    url = page.url(restoration_records(cast).ids())
    for name, user in cast.everyone().items():
        if expected_status(page, name, user) == 404:
            client.force_login(user)
            assert client.post(url).status_code == 404, name
    client.logout()
    assert client.post(url)["Location"].startswith(reverse("account_login"))


def test_another_cases_record_is_not_found_through_this_case(cast, client):
    """A record id from one case, put under another case's URL, is a 404."""
    from amparo.cases.services import intake_submit
    from amparo.testing.factories import intake_input

    ids = restoration_records(cast).ids()
    other = intake_submit(actor=cast.caseworker, data=intake_input())
    client.force_login(cast.supervisor)
    for name, kwarg, key in [
        ("placement_end", "placement_pk", "placement"),
        ("care_plan_review", "plan_pk", "plan"),
        ("reintegration_decide", "reintegration_pk", "reintegration"),
        ("follow_up_record", "follow_up_pk", "follow_up"),
    ]:
        url = reverse(name, kwargs={"pk": other.pk, kwarg: ids[key]})
        assert client.get(url).status_code == 404, name
