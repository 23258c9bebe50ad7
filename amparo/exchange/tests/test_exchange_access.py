"""Every exchange page and API route against the whole cast.

Exports: the roles with an export permission (supervisor, analyst, admin) of
any organisation, each for their own records. Imports: supervisors and admins,
each in their own organisation; another organisation's job is 404, as is a
job to a role that may not import. Signed out: sign-in (pages) or 401 (API).
"""

import io

from django.urls import reverse

from amparo.exchange.models import ImportJob
from amparo.exchange.services import import_start
from amparo.exchange.tests.test_imports_services import ROW
from amparo.exchange.tests.world import csv_file
from amparo.testing.cast import EVERYONE
from amparo.testing.matrix import covers

EXPORTERS = {"supervisor", "analyst", "admin", "partner_supervisor", "third_supervisor"}
IMPORTERS = {"supervisor", "admin", "partner_supervisor", "third_supervisor"}
LEX_IMPORTERS = {"supervisor", "admin"}


def _page(allowed: set[str], *, refused: int = 403):
    def expected(name: str) -> int:
        if name == "anonymous":
            return 302
        return 200 if name in allowed else refused

    return expected


def _api(allowed: set[str], success: int = 200, *, refused: int = 403):
    def expected(name: str) -> int:
        if name == "anonymous":
            return 401
        return success if name in allowed else refused

    return expected


def _job(cast, record_id: str = "SRC-1") -> ImportJob:
    return import_start(
        actor=cast.supervisor,
        format_key="htcds",
        file_name="f.csv",
        data=csv_file([{**ROW, "recordId": record_id}]),
    )


def _login(client, cast, name):
    user = cast.user(name)
    client.force_login(user) if user else client.logout()


@covers("exchange_export", "exchange_imports", "exchange_import")
def test_pages_answer_each_member_of_the_cast(cast, client):
    job = _job(cast)
    pages = [
        (reverse("exchange_export"), _page(EXPORTERS)),
        (reverse("exchange_imports"), _page(IMPORTERS)),
        (reverse("exchange_import", args=[job.pk]), _page(LEX_IMPORTERS, refused=404)),
    ]
    for url, expected in pages:
        for name in EVERYONE:
            _login(client, cast, name)
            assert client.get(url).status_code == expected(name), (url, name)


@covers("exchange_export")
def test_posting_an_export_downloads_for_exporters_only(cast, client):
    body = {"format": "htcds", "file_type": "csv", "trafficking_only": "on"}
    for name in EVERYONE:
        _login(client, cast, name)
        response = client.post(reverse("exchange_export"), body)
        assert response.status_code == _page(EXPORTERS)(name), name
        if response.status_code == 200:
            assert response["Content-Disposition"].startswith('attachment; filename="htcds-')
            assert b"k = 11" in b"".join(response.streaming_content)


@covers("exchange_imports", "exchange_import")
def test_uploading_then_confirming_on_the_pages(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    upload = io.BytesIO(csv_file([ROW]))
    upload.name = "records.csv"
    response = client.post(reverse("exchange_imports"), {"format": "htcds", "file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get(created_by=cast.admin)
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"Yes, import" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(response["Location"]).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 1
    for name in ("caseworker", "analyst", "partner_supervisor"):
        _login(client, cast, name)
        assert client.post(reverse("exchange_import", args=[job.pk])).status_code == 404


def _upload_body():
    upload = io.BytesIO(csv_file([ROW]))
    upload.name = "records.csv"
    return {"format": "htcds", "file": upload}


@covers(
    "api-exchange-formats GET",
    "api-exchange-imports GET",
    "api-exchange-import GET",
    "api-exchange-import-rows GET",
)
def test_api_reads_answer_each_member_of_the_cast(cast):
    job = _job(cast)
    reads = [
        ("/api/v1/exchange/formats/", _api(EXPORTERS | IMPORTERS)),
        ("/api/v1/exchange/imports/", _api(IMPORTERS)),
        (f"/api/v1/exchange/imports/{job.pk}/", _api(LEX_IMPORTERS, refused=404)),
        (f"/api/v1/exchange/imports/{job.pk}/rows/", _api(LEX_IMPORTERS, refused=404)),
    ]
    for url, expected in reads:
        for name in EVERYONE:
            assert cast.client(name).get(url).status_code == expected(name), (url, name)


@covers("api-exchange-imports POST")
def test_api_upload_answers_each_member_of_the_cast(cast):
    for name in EVERYONE:
        response = cast.client(name).post(
            "/api/v1/exchange/imports/", _upload_body(), format="multipart"
        )
        assert response.status_code == _api(IMPORTERS, 201)(name), name
        if response.status_code == 201:
            assert response.json()["status"] == "checked"


@covers("api-exchange-import-confirm POST")
def test_api_confirm_answers_each_member_of_the_cast(cast, django_capture_on_commit_callbacks):
    for name in EVERYONE:
        job = _job(cast, record_id=f"SRC-{name}")
        with django_capture_on_commit_callbacks(execute=True):
            response = cast.client(name).post(f"/api/v1/exchange/imports/{job.pk}/confirm/")
        assert response.status_code == _api(LEX_IMPORTERS, 202, refused=404)(name), name
        job.refresh_from_db()
        if name in LEX_IMPORTERS:
            assert job.status == ImportJob.Status.DONE
            again = cast.client(name).post(f"/api/v1/exchange/imports/{job.pk}/confirm/")
            assert again.status_code == 400
        else:
            assert job.status == ImportJob.Status.CHECKED


@covers("api-exchange-export POST")
def test_api_export_answers_each_member_of_the_cast(cast):
    for name in EVERYONE:
        response = cast.client(name).post(
            "/api/v1/exchange/exports/", {"format": "htcds"}, format="json"
        )
        assert response.status_code == _api(EXPORTERS)(name), name
        if response.status_code == 200:
            assert b"recordId" in b"".join(response.streaming_content)
