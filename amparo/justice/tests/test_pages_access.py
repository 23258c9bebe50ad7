"""Every justice page against the whole cast and an anonymous visitor."""

import pytest
from django.urls import reverse

from amparo.accounts.roles import Perm
from amparo.justice.tests.test_access import MAY_OPEN_LEGAL_CASE
from amparo.testing.matrix import covers

READ = (Perm.CASES_ASSIGNED, Perm.CASES_ALL)

# (url name, url kwargs from the world's ids, permissions, kind)
# kind "page": a missing permission is 403; "record": 404 unless the user may open the
# legal case and holds the permission, so a URL never confirms that a legal case exists.
PAGES = [
    ("legal_caseload", (), READ, "page"),
    ("legal_hearings", (), READ, "page"),
    ("legal_hearings_awaiting", (), READ, "page"),
    ("legal_case_new", (), (Perm.EDIT_CASE,), "page"),
    ("justice_dashboard", (), (Perm.AGGREGATES,), "page"),
    ("justice_dashboard_csv", (), (Perm.AGGREGATES,), "page"),
    ("justice_dashboard_xlsx", (), (Perm.AGGREGATES,), "page"),
    ("legal_case", ("pk",), READ, "record"),
    ("legal_case_close", ("pk",), (Perm.EDIT_CASE,), "record"),
    ("legal_stage_record", ("pk",), (Perm.EDIT_CASE,), "record"),
    ("legal_stage_correct", ("pk", "event_pk"), (Perm.EDIT_CASE,), "record"),
    ("legal_accused_add", ("pk",), (Perm.EDIT_CASE,), "record"),
    ("legal_accused_reveal", ("pk", "accused_pk"), (Perm.REVEAL_IDENTITY,), "record"),
    ("legal_charge_add", ("pk", "accused_pk"), (Perm.EDIT_CASE,), "record"),
    ("legal_verdict", ("pk", "charge_pk"), (Perm.EDIT_CASE,), "record"),
    ("legal_sentence", ("pk", "charge_pk"), (Perm.EDIT_CASE,), "record"),
    ("legal_hearing_schedule", ("pk",), (Perm.EDIT_CASE,), "record"),
    ("legal_hearing_outcome", ("pk", "hearing_pk"), (Perm.EDIT_CASE,), "record"),
    ("legal_hearing_postpone", ("pk", "hearing_pk"), (Perm.EDIT_CASE,), "record"),
    ("legal_victim_link", ("pk",), (Perm.EDIT_CASE,), "record"),
    ("legal_lawyer_assign", ("pk",), (Perm.EDIT_CASE,), "record"),
]


def expected(name: str, user, perms, kind: str) -> int:
    allowed = any(user.has_amparo_perm(p) for p in perms)
    if kind == "record":
        return 200 if allowed and name in MAY_OPEN_LEGAL_CASE else 404
    return 200 if allowed else 403


@pytest.mark.parametrize("page", [pytest.param(p, id=p[0], marks=covers(p[0])) for p in PAGES])
def test_every_cast_member_gets_the_right_answer(cast, client, world, page):
    url_name, kwargs, perms, kind = page
    ids = world.ids()
    url = reverse(url_name, kwargs={k: ids[k] for k in kwargs})
    for name, user in cast.everyone().items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected(name, user, perms, kind), name
        if response.status_code in (403, 404):
            body = response.content.decode()
            assert world.legal_case.title not in body and "El Lobo" not in body, name
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_analyst_sees_the_dashboard_and_no_legal_case(cast, client, world):
    client.force_login(cast.analyst)
    assert client.get(reverse("justice_dashboard")).status_code == 200
    for url_name, kwargs, _perms, kind in PAGES:
        if kind == "record":
            ids = world.ids()
            url = reverse(url_name, kwargs={k: ids[k] for k in kwargs})
            assert client.get(url).status_code == 404, url_name
            assert client.post(url).status_code == 404, url_name


def test_posts_from_outside_change_nothing(cast, client, world):
    from amparo.justice.models import Accused

    before = Accused.objects.count()
    url = reverse("legal_accused_add", kwargs={"pk": world.legal_case.pk})
    for user in (cast.partner_supervisor, cast.partner_caseworker, cast.other_caseworker):
        client.force_login(user)
        assert client.post(url, {"pseudonym": "Intruso", "sex": "male"}).status_code == 404
    assert Accused.objects.count() == before


def test_justice_pages_are_never_cached(cast, client, world):
    client.force_login(cast.supervisor)
    ids = world.ids()
    for url_name, kwargs, _perms, _kind in PAGES:
        response = client.get(reverse(url_name, kwargs={k: ids[k] for k in kwargs}))
        assert "no-store" in response.get("Cache-Control", ""), url_name
