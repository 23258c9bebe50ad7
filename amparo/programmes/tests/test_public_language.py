"""Public pages follow the reader's language: Accept-Language or the language cookie.

Labels are Spanish; numbers in markup (SVG coordinates, data attributes) are not
localised. Needs the compiled catalogue (``compilemessages -l es``).
"""

import csv
import io
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.release_factory import published_releases
from amparo.programmes.tests.test_impact_report import _pdf_text

SLUG = "justicia-segura"


@pytest.fixture
def releases(cast):
    records = programme_records(cast)
    return published_releases(cast, records.lex_programme)


def _spanish(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="es")


def test_the_release_page_reads_in_spanish(client, releases):
    url = reverse("public_release", kwargs={"slug": SLUG, "version": 2})
    body = _spanish(client, url).content.decode()
    assert '<html lang="es">' in body
    assert "Cada conteo es de al menos 11 o está oculto ([c])." in body
    assert "ni combinándola con las publicadas antes (versión 1)." in body
    assert "Se añadió ruido con ε = 0,5" in body
    assert "Sobrevivientes recibidas" in body
    assert "Todos los departamentos" in body
    assert "63,6 %" in body
    assert "En camino" in body


def test_the_language_cookie_is_followed_too(client, releases):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = client.get(reverse("public_programme", kwargs={"slug": SLUG})).content.decode()
    assert "Publicaciones" in body and "Corregida por la versión 2" in body
    assert "Lea el informe de impacto" in body


def test_the_public_layout_offers_the_other_language(client, releases):
    body = client.get(reverse("public_programme", kwargs={"slug": SLUG})).content.decode()
    assert 'name="language" value="es"' in body
    assert reverse("set_language") in body
    spanish = _spanish(client, reverse("public_programme", kwargs={"slug": SLUG})).content.decode()
    assert 'name="language" value="en"' in spanish


def test_switching_language_comes_back_to_the_page_in_spanish(client, releases):
    page = reverse("public_release", kwargs={"slug": SLUG, "version": 1})
    response = client.post(reverse("set_language"), {"language": "es", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert "Conteos por departamento" in client.get(page).content.decode()


def test_the_csv_and_json_label_in_spanish(client, releases):
    kwargs = {"slug": SLUG, "version": 1}
    rows = list(
        csv.reader(
            io.StringIO(
                _spanish(client, reverse("public_release_csv", kwargs=kwargs)).content.decode()
            )
        )
    )
    assert rows[0][:2] == ["Código de la cifra", "Cifra"]
    assert rows[1][:4] == [
        "survivors_intake",
        "Sobrevivientes recibidas",
        "2024",
        "Todos los departamentos",
    ]
    data = json.loads(_spanish(client, reverse("public_release_json", kwargs=kwargs)).content)
    assert data["labels"]["measures"]["survivors_intake"] == "Sobrevivientes recibidas"
    assert data["cells"] == releases.first.content["cells"]


def test_the_impact_report_in_spanish_keeps_svg_numbers_plain(client, releases):
    url = reverse("public_impact", kwargs={"slug": SLUG}) + "?version=2"
    body = _spanish(client, url).content.decode()
    assert "Personas atendidas en cada pilar" in body
    assert "Resultados judiciales" in body
    assert "540 días" in body
    assert "3\xa0000\xa0000" in body  # Spanish groups thousands with a no-break space
    svgs = re.findall(r"<svg[^>]*goal-bar.*?</svg>", body, flags=re.S)
    assert svgs
    for svg in svgs:
        numbers = re.findall(r'(?:width|x|y|height|data-progress)="([^"]*)"', svg)
        assert all("," not in n for n in numbers), svg
    assert 'width="202.3"' in body
    assert 'data-progress="0.674' in body


def test_the_pdf_in_spanish(client, releases):
    url = reverse("public_impact_pdf", kwargs={"slug": SLUG}) + "?version=2"
    response = _spanish(client, url)
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Informe de impacto: Justicia Segura" in text
    assert "Personas atendidas en cada pilar" in text
    assert "Cada conteo es de al menos 11 o está oculto ([c])." in text
    assert "Línea de base" in text
    assert "540 días" in text


def test_the_api_answers_in_the_language_asked(client, releases):
    url = reverse("api-public-impact", kwargs={"slug": SLUG})
    data = _spanish(client, url).json()
    assert data["pillars"][0]["label"] == "Sobrevivientes recibidas"
    assert data["guarantee_text"][0] == "Cada conteo es de al menos 11 o está oculto ([c])."
