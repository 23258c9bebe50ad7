"""Every measurements page and API route against the whole cast.

Readers of the programme (its organisation's and its partner's members with
the aggregates or programmes permission) see the measurements; only its own
organisation's members with ``programmes.manage`` change them. Another
organisation's programme, or a role without either permission, is 404; a
partner that may read but not change is 403; signed out goes to sign-in
(pages) or 401 (API).
"""

import io

import pytest
from django.urls import reverse

from amparo.programmes.models import ImportBatch
from amparo.programmes.tests.measurements_world import measurement_world
from amparo.testing.api import api_client
from amparo.testing.cast import EVERYONE
from amparo.testing.matrix import covers

CHANGERS = {"supervisor", "analyst", "admin"}
READERS = CHANGERS | {"partner_supervisor"}


def page_read(name: str) -> int:
    if name == "anonymous":
        return 302
    return 200 if name in READERS else 404


def page_change(name: str) -> int:
    if name == "partner_supervisor":
        return 403
    return page_read(name)


def api_read(name: str) -> int:
    return 401 if name == "anonymous" else (200 if name in READERS else 404)


def api_change(success: int):
    def expected(name: str) -> int:
        if name in CHANGERS:
            return success
        if name == "partner_supervisor":
            return 403
        return api_read(name)

    return expected


def _login(client, cast, name):
    user = cast.user(name)
    client.force_login(user) if user else client.logout()


PAGES = [
    ("programme_measurements", lambda w: {"programme_id": w.records.lex_programme.pk}, page_read),
    ("study_new", lambda w: {"programme_id": w.records.lex_programme.pk}, page_change),
    (
        "study_edit",
        lambda w: {"programme_id": w.records.lex_programme.pk, "study_id": w.endline.pk},
        page_change,
    ),
    ("survey_new", lambda w: {"programme_id": w.records.lex_programme.pk}, page_change),
    (
        "survey_edit",
        lambda w: {"programme_id": w.records.lex_programme.pk, "survey_id": w.survey.pk},
        page_change,
    ),
    ("training_new", lambda w: {"programme_id": w.records.lex_programme.pk}, page_change),
    (
        "training_edit",
        lambda w: {"programme_id": w.records.lex_programme.pk, "training_id": w.training.pk},
        page_change,
    ),
    ("measurements_import", lambda w: {"programme_id": w.records.lex_programme.pk}, page_change),
    (
        "measurements_template",
        lambda w: {"programme_id": w.records.lex_programme.pk, "kind": "studies"},
        page_read,
    ),
    (
        "measurements_review",
        lambda w: {"programme_id": w.records.lex_programme.pk, "batch_id": w.batch.pk},
        page_change,
    ),
]


@pytest.mark.parametrize(
    ("route", "kwargs", "expected"),
    [pytest.param(*page, marks=covers(page[0]), id=page[0]) for page in PAGES],
)
def test_pages_answer_each_member_of_the_cast(cast, client, route, kwargs, expected):
    world = measurement_world(cast)
    world.batch = ImportBatch.objects.create(
        programme=world.records.lex_programme, kind="studies", created_by=cast.analyst
    )
    url = reverse(route, kwargs=kwargs(world))
    for name in EVERYONE:
        _login(client, cast, name)
        assert client.get(url).status_code == expected(name), name


def test_another_organisations_programme_is_not_found_even_for_its_changers(cast, client):
    world = measurement_world(cast)
    client.force_login(cast.third_supervisor)
    url = reverse(
        "study_edit",
        kwargs={"programme_id": world.records.lex_programme.pk, "study_id": world.baseline.pk},
    )
    assert client.get(url).status_code == 404


@covers("study_new")
def test_posting_a_study_is_refused_to_who_may_not_change(cast, client):
    world = measurement_world(cast)
    url = reverse("study_new", kwargs={"programme_id": world.records.lex_programme.pk})
    for name in ("partner_supervisor", "third_supervisor", "caseworker"):
        _login(client, cast, name)
        assert client.post(url, {"title": "x"}).status_code in (403, 404), name
    assert world.records.lex_programme.prevalence_studies.count() == 2


def _study_body(world, **changes):
    body = {
        "area": world.records.quetzaltenango.pk,
        "title": "Minors in commercial sexual exploitation",
        "wave": "baseline",
        "period_start": "2024-02-01",
        "period_end": "2024-05-31",
        "sample_size": 900,
        "estimate": "5.0",
        "ci_lower": "4.0",
        "ci_upper": "6.0",
        "method": "household",
        "source": "Baseline study, 2024",
    }
    body.update(changes)
    return body


def _survey_body(world):
    return {
        "item": "confidence_justice",
        "period_start": "2025-01-01",
        "period_end": "2025-02-01",
        "respondents": 500,
        "estimate": "30",
        "ci_lower": "25",
        "ci_upper": "35",
        "source": "Survey 2025",
    }


def _training_body(world):
    return {
        "held_on": "2025-03-01",
        "institution": "judiciary",
        "role": "Trial judges",
        "topic": "testimony",
        "trained": 12,
    }


ENDPOINTS = [
    (
        "api-programme-studies",
        "get",
        lambda w: f"/api/v1/programmes/{w.records.lex_programme.pk}/studies/",
        None,
        api_read,
    ),
    (
        "api-programme-studies",
        "post",
        lambda w: f"/api/v1/programmes/{w.records.lex_programme.pk}/studies/",
        _study_body,
        api_change(201),
    ),
    ("api-study", "get", lambda w: f"/api/v1/studies/{w.endline.pk}/", None, api_read),
    (
        "api-study",
        "patch",
        lambda w: f"/api/v1/studies/{w.endline.pk}/",
        lambda w: {"version": 1, "sample_size": 1300},
        api_change(200),
    ),
    (
        "api-programme-surveys",
        "get",
        lambda w: f"/api/v1/programmes/{w.records.lex_programme.pk}/surveys/",
        None,
        api_read,
    ),
    (
        "api-programme-surveys",
        "post",
        lambda w: f"/api/v1/programmes/{w.records.lex_programme.pk}/surveys/",
        _survey_body,
        api_change(201),
    ),
    ("api-survey", "get", lambda w: f"/api/v1/surveys/{w.survey.pk}/", None, api_read),
    (
        "api-survey",
        "patch",
        lambda w: f"/api/v1/surveys/{w.survey.pk}/",
        lambda w: {"version": 1, "respondents": 810},
        api_change(200),
    ),
    (
        "api-programme-trainings",
        "get",
        lambda w: f"/api/v1/programmes/{w.records.lex_programme.pk}/trainings/",
        None,
        api_read,
    ),
    (
        "api-programme-trainings",
        "post",
        lambda w: f"/api/v1/programmes/{w.records.lex_programme.pk}/trainings/",
        _training_body,
        api_change(201),
    ),
    ("api-training", "get", lambda w: f"/api/v1/trainings/{w.training.pk}/", None, api_read),
    (
        "api-training",
        "patch",
        lambda w: f"/api/v1/trainings/{w.training.pk}/",
        lambda w: {"version": 1, "trained": 36},
        api_change(200),
    ),
    ("api-import", "get", lambda w: f"/api/v1/imports/{w.batch.pk}/", None, api_change(200)),
    (
        "api-import-apply",
        "post",
        lambda w: f"/api/v1/imports/{w.batch.pk}/apply/",
        lambda w: {},
        api_change(200),
    ),
]


@pytest.mark.parametrize(
    ("route", "method", "url", "body", "expected"),
    [
        pytest.param(*e, marks=covers(f"{e[0]} {e[1].upper()}"), id=f"{e[0]}-{e[1]}")
        for e in ENDPOINTS
    ],
)
def test_api_answers_each_member_of_the_cast(cast, route, method, url, body, expected):
    for name in EVERYONE:
        # A fresh world each time: a write by one member must not change the next one's answer.
        world = _fresh_world(cast)
        client = api_client(cast.user(name))
        call = getattr(client, method)
        response = call(url(world), body(world), format="json") if body else call(url(world))
        assert response.status_code == expected(name), (name, response.content[:300])


def _fresh_world(cast):
    from amparo.programmes.models import Programme

    existing = Programme.objects.filter(slug="justicia-segura").first()
    if existing is not None:
        existing.slug = f"old-{existing.pk}"
        existing.save(update_fields=["slug"])
        Programme.objects.filter(slug="programa-tercero").update(slug=f"old-third-{existing.pk}")
    world = measurement_world(cast)
    world.batch = ImportBatch.objects.create(
        programme=world.records.lex_programme,
        kind="trainings",
        rows=[],
        report=[],
        created_by=cast.analyst,
    )
    return world


@covers("api-programme-imports POST")
def test_the_dry_run_upload_answers_each_member_of_the_cast(cast):
    world = measurement_world(cast)
    url = f"/api/v1/programmes/{world.records.lex_programme.pk}/imports/"
    csv = b"held_on,institution,role,topic,trained\n2024-06-12,police,Investigating officers,trauma,35\n"
    for name in EVERYONE:
        client = api_client(cast.user(name))
        upload = io.BytesIO(csv)
        upload.name = "trainings.csv"
        response = client.post(url, {"kind": "trainings", "file": upload}, format="multipart")
        assert response.status_code == api_change(201)(name), (name, response.content[:300])
    assert ImportBatch.objects.count() == len(CHANGERS)
    assert world.records.lex_programme.trainings.count() == 1
