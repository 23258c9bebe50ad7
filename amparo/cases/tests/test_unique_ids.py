"""No page has two elements with the same id: a label, a skip link or an htmx
target would find the wrong one. Walks every role's main pages, header menu included."""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from amparo.accounts import context_processors
from amparo.audit.tests.world import build_everything
from amparo.core.routes import all_routes
from amparo.testing.cast import MAY_OPEN_CASE, OWNER, PARTNER


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1


def duplicate_ids(body: str) -> list[str]:
    parser = _Ids()
    parser.feed(body)
    assert parser.ids, "a page without a single id: the parser read nothing"
    return sorted(i for i, n in parser.ids.items() if n > 1)


def main_pages(name: str, case_pk: int) -> list[str]:
    pages = [reverse("home"), *(reverse(route) for route in context_processors.NAV_ROUTES)]
    if name in MAY_OPEN_CASE:
        pages += [
            reverse(route, kwargs={"pk": case_pk})
            for route in ("case_file", "case_audit", "case_restoration")
        ]
    return pages


@pytest.mark.parametrize("name", [*OWNER, *PARTNER])
def test_no_page_repeats_an_id(cast, client, name):
    client.force_login(cast.user(name))
    # A file opened, so the menu lists a recent case too.
    client.get(reverse("case_file", kwargs={"pk": cast.case.pk}))
    seen = 0
    for url in main_pages(name, cast.case.pk):
        response = client.get(url, follow=True)
        if response.status_code != 200:
            continue  # refused: the access tests say by whom
        seen += 1
        assert duplicate_ids(response.content.decode()) == [], url
    assert seen >= 3, "too few pages opened to mean anything"


PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


@pytest.mark.parametrize("name", ["supervisor", "caseworker", "partner_caseworker"])
def test_no_page_of_a_full_file_repeats_an_id(cast, client, name):
    # Every page that answers a GET, on a file with all its records: legal case,
    # restoration, referral, transfer (the audit tests' world).
    ids = build_everything(cast).ids()
    client.force_login(cast.user(name))
    seen = 0
    for route in all_routes():
        if route.is_api or not route.name or ":" in route.name:
            continue
        params = PARAM.findall(route.pattern)
        key = {"pk": "legal" if route.pattern.startswith("legal/") else "case"}
        if any(key.get(p, p) not in ids for p in params):
            continue
        kwargs = {p: ids[key.get(p, p)] for p in params}
        response = client.get(reverse(route.name, kwargs=kwargs))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        assert duplicate_ids(response.content.decode()) == [], route.name
    assert seen >= 10, seen
