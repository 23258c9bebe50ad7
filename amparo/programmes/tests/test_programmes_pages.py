"""The programme and goal pages from a manager's side: create, edit, areas, goals, archive."""

import datetime

import pytest
from django.urls import reverse

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.programmes.models import Goal, Programme
from amparo.programmes.tests.records import programme_records


@pytest.fixture
def signed_in(cast, client):
    client.force_login(cast.analyst)
    return client


def _programme_form(**overrides):
    return {
        "name": "Hogares Seguros",
        "slug": "hogares-seguros",
        "summary": "A fictional programme.",
        "countries": "GT, hn",
        "starts_on": "2025-01-01",
        "ends_on": "2029-12-31",
        "population_covered": "1000000",
        "min_cell": "11",
        "rounding_base": "5",
        "privacy_budget": "1",
        **overrides,
    }


def test_a_manager_creates_a_programme_from_the_list(cast, signed_in):
    listing = signed_in.get(reverse("programme_list"))
    assert reverse("programme_new") in listing.content.decode()
    response = signed_in.post(
        reverse("programme_new"), _programme_form(partner_ids=[str(cast.refugio.pk)])
    )
    programme = Programme.objects.get(slug="hogares-seguros")
    assert response.status_code == 302
    assert response["Location"] == reverse("programme_detail", args=[programme.pk])
    assert programme.countries == ["GT", "HN"]
    assert list(programme.partners.all()) == [cast.refugio]
    page = signed_in.get(response["Location"]).content.decode()
    assert "Hogares Seguros" in page and cast.refugio.name in page


def test_an_analyst_without_the_permission_sees_no_new_button(cast, client):
    programme_records(cast)
    client.force_login(cast.partner_supervisor)
    assert reverse("programme_new") in client.get(reverse("programme_list")).content.decode()
    client.force_login(cast.supervisor)
    body = client.get(reverse("programme_list")).content.decode()
    assert "Justicia Segura" in body


def test_bad_input_on_the_form_answers_422_and_writes_nothing(cast, signed_in):
    programme_records(cast)
    response = signed_in.post(
        reverse("programme_new"),
        _programme_form(slug="justicia-segura", ends_on="2024-01-01"),
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Another programme already has this public address." in body
    assert not Programme.objects.filter(name="Hogares Seguros").exists()


def test_editing_a_programme_with_a_stale_version_says_so(cast, signed_in):
    programme = programme_records(cast).lex_programme
    url = reverse("programme_edit", args=[programme.pk])
    form = _programme_form(
        name="Justicia Segura II", slug=programme.slug, version=str(programme.version)
    )
    assert signed_in.post(url, form).status_code == 302
    response = signed_in.post(url, {**form, "name": "Stale"})
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()
    programme.refresh_from_db()
    assert programme.name == "Justicia Segura II"


def test_areas_are_listed_added_and_edited(cast, signed_in):
    records = programme_records(cast)
    url = reverse("programme_areas", args=[records.lex_programme.pk])
    assert "Quetzaltenango" in signed_in.get(url).content.decode()
    response = signed_in.post(url, {"country": "GT", "admin1": "Escuintla", "population": "5"})
    assert response.status_code == 302
    duplicate = signed_in.post(url, {"country": "GT", "admin1": "Escuintla", "population": "5"})
    assert duplicate.status_code == 422
    edit = reverse("area_edit", args=[records.lex_programme.pk, records.guatemala.pk])
    signed_in.post(edit, {"country": "GT", "admin1": "Guatemala", "population": "3100000"})
    records.guatemala.refresh_from_db()
    assert records.guatemala.population == 3_100_000


def test_a_partner_reads_the_areas_without_the_add_form(cast, client):
    records = programme_records(cast)
    client.force_login(cast.partner_supervisor)
    response = client.get(reverse("programme_areas", args=[records.lex_programme.pk]))
    assert response.status_code == 200
    assert "Add an area" not in response.content.decode()
    posted = client.post(
        reverse("programme_areas", args=[records.lex_programme.pk]),
        {"country": "GT", "admin1": "Escuintla", "population": "5"},
    )
    assert posted.status_code == 403


def _goal_form(records, **overrides):
    return {
        "title": "Conviction rate reaches 30%",
        "indicator": "conviction_rate",
        "area_id": str(records.guatemala.pk),
        "baseline_value": "6",
        "baseline_on": "2024-01-01",
        "target_value": "30",
        "target_on": "2030-12-31",
        "milestone_0_on": "2027-12-31",
        "milestone_0_value": "18",
        **overrides,
    }


def test_a_goal_is_set_shown_with_its_definition_edited_and_archived(cast, signed_in):
    records = programme_records(cast)
    programme = records.lex_programme
    new = signed_in.get(reverse("goal_new", args=[programme.pk])).content.decode()
    assert "<optgroup" in new and "Median time from complaint to verdict" in new
    response = signed_in.post(reverse("goal_new", args=[programme.pk]), _goal_form(records))
    assert response.status_code == 302
    goal = Goal.objects.get()
    page = signed_in.get(reverse("programme_detail", args=[programme.pk])).content.decode()
    assert "Conviction rate reaches 30%" in page
    assert "among those that reached a verdict" in page  # the indicator's definition
    assert "2027-12-31" in page
    edit = reverse("goal_edit", args=[programme.pk, goal.pk])
    assert "2027-12-31" in signed_in.get(edit).content.decode()
    form = _goal_form(records, target_value="35", milestone_1_on="2029-01-01")
    form["version"] = str(goal.version)
    assert signed_in.post(edit, form).status_code == 422  # a date without a value
    form["milestone_1_value"] = "25"
    assert signed_in.post(edit, form).status_code == 302
    goal.refresh_from_db()
    assert goal.target_value == 35 and goal.milestones.count() == 2
    archive = reverse("goal_archive", args=[programme.pk, goal.pk])
    assert "Archive this goal?" in signed_in.get(archive).content.decode()
    assert signed_in.post(archive, {"confirm": "yes"}).status_code == 302
    goal.refresh_from_db()
    assert goal.archived_at is not None
    assert AuditEvent.objects.filter(code=Code.GOAL_ARCHIVED).count() == 1


def test_a_goal_on_an_undefined_indicator_is_refused_on_the_page(cast, signed_in):
    records = programme_records(cast)
    response = signed_in.post(
        reverse("goal_new", args=[records.lex_programme.pk]),
        _goal_form(records, indicator="happiness"),
    )
    assert response.status_code == 422
    assert "Choose an indicator from the list." in response.content.decode()
    outside = signed_in.post(
        reverse("goal_new", args=[records.lex_programme.pk]),
        _goal_form(records, milestone_0_on="2031-06-01"),
    )
    assert outside.status_code == 422
    assert not Goal.objects.exists()


def test_archiving_a_programme_is_confirmed_then_listed_apart(cast, signed_in):
    programme = programme_records(cast).lex_programme
    url = reverse("programme_archive", args=[programme.pk])
    assert "Archive this programme?" in signed_in.get(url).content.decode()
    assert signed_in.post(url, {"confirm": "yes"}).status_code == 302
    listing = signed_in.get(reverse("programme_list")).content.decode()
    assert "Archived programmes" in listing and "Justicia Segura" in listing


def test_the_overview_shows_the_guarantee_and_the_budget_spent(cast, signed_in):
    programme = programme_records(cast).lex_programme
    page = signed_in.get(reverse("programme_detail", args=[programme.pk])).content.decode()
    assert "Smallest count published (k)" in page and "Budget spent" in page
    assert reverse("programme_areas", args=[programme.pk]) in page


@pytest.mark.parametrize("goals", [1, 6])
def test_the_overview_queries_do_not_grow_with_goals(
    cast, client, django_assert_max_num_queries, goals
):
    records = programme_records(cast)
    for n in range(goals):
        goal = Goal.objects.create(
            programme=records.lex_programme,
            indicator="conviction_rate",
            area=records.guatemala,
            title=f"Goal {n}",
            baseline_value=1,
            baseline_on=datetime.date(2024, 1, 1),
            target_value=2,
            target_on=datetime.date(2030, 1, 1),
            created_by=cast.analyst,
        )
        goal.milestones.create(due_on=datetime.date(2027, 1, 1), value=1)
    client.force_login(cast.analyst)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programme_detail", args=[records.lex_programme.pk]))
    assert response.status_code == 200


def test_the_pages_read_in_spanish(cast, client):
    records = programme_records(cast)
    client.force_login(cast.analyst)
    client.post("/i18n/setlang/", {"language": "es"})
    page = client.get(reverse("programme_detail", args=[records.lex_programme.pk]))
    body = page.content.decode()
    assert "Áreas" in body and "Metas" in body
    new = client.get(reverse("goal_new", args=[records.lex_programme.pk])).content.decode()
    assert "Nueva meta" in new


@pytest.mark.parametrize("extra", [0, 5])
def test_the_list_queries_do_not_grow_with_programmes(
    cast, client, django_assert_max_num_queries, extra
):
    records = programme_records(cast)
    for n in range(extra):
        programme = Programme.objects.create(
            organisation=cast.lex,
            name=f"Programme {n}",
            slug=f"programme-{n}",
            countries=["GT"],
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2026, 1, 1),
            created_by=cast.analyst,
            archived_at=records.lex_programme.created_at if n % 2 else None,
        )
        programme.partners.add(cast.refugio)
    client.force_login(cast.analyst)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programme_list"))
    assert response.status_code == 200
