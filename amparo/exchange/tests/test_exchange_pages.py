"""The exchange pages: in both languages, with constant queries, and in the menu for who may use them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amparo.exchange.services import import_start
from amparo.exchange.tests.test_imports_services import ROW
from amparo.exchange.tests.world import csv_file


def _job(cast, n: int):
    rows = [{**ROW, "recordId": f"Q-{i}"} for i in range(n)]
    return import_start(
        actor=cast.supervisor, format_key="htcds", file_name="f.csv", data=csv_file(rows)
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_report_page_runs_constant_queries(cast, client):
    client.force_login(cast.supervisor)
    small = _count(client, reverse("exchange_import", args=[_job(cast, 2).pk]))
    large = _count(client, reverse("exchange_import", args=[_job(cast, 40).pk]))
    assert large == small


def test_the_job_list_runs_constant_queries(cast, client):
    client.force_login(cast.admin)
    _job(cast, 1)
    before = _count(client, reverse("exchange_imports"))
    for _ in range(4):
        _job(cast, 1)
    assert _count(client, reverse("exchange_imports")) == before


def test_the_pages_speak_spanish(cast, client):
    client.force_login(cast.supervisor)
    job = _job(cast, 2)
    expected = {
        reverse("exchange_export"): "Exportar registros en un estándar",
        reverse("exchange_imports"): "Importar registros de otro sistema",
        reverse("exchange_import", args=[job.pk]): "Informe, fila por fila",
    }
    for url, text in expected.items():
        with translation.override("es"):
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
        assert 'lang="es"' in page and text in page, url


def test_the_export_page_states_the_guarantee(cast, client):
    client.force_login(cast.analyst)
    page = client.get(reverse("exchange_export")).content.decode()
    assert "k-anonymised" in page and "ageBroad" in page


def test_the_menu_offers_the_exchange_to_who_may_use_it(cast, client):
    for name, export, imports in [
        ("admin", True, True),
        ("analyst", True, False),
        ("caseworker", False, False),
    ]:
        client.force_login(cast.user(name))
        page = client.get(reverse("my_account")).content.decode()
        assert (reverse("exchange_export") in page) is export, name
        assert (reverse("exchange_imports") in page) is imports, name
