"""A supervisor on a phone, in Spanish, reads the team's work by worker: each
worker a card with labelled figures, nothing scrolling sideways."""

import pytest
from playwright.sync_api import expect

from amparo.cases.services import case_assign, intake_submit
from amparo.cases.tests.test_browser_nav import phone_in_spanish
from amparo.testing.browser import PHONE, SHOTS
from amparo.testing.factories import MembershipFactory, intake_input

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKERS = ("María de los Ángeles Villanueva Castellanos", "Juan Bautista Hernández", "Rosa Pérez")


def test_the_team_table_stacks_on_a_phone_in_spanish(browser, live_server, cast):
    for name in WORKERS:
        worker = MembershipFactory.create(
            organisation=cast.lex, role="caseworker", user__full_name=name
        ).user
        case = intake_submit(actor=cast.caseworker, data=intake_input())
        case_assign(actor=cast.supervisor, case=case, user_id=worker.pk)
    context, page = phone_in_spanish(browser, live_server, cast.supervisor)
    page.goto("/work/")
    table = page.locator("#team-workers")
    expect(table).to_contain_text(WORKERS[0])
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "aftercare-team-phone-es.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")
    # The table itself does not scroll sideways either: its rows are cards.
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    row = table.locator("tbody tr").filter(has_text=WORKERS[2])
    box = row.bounding_box()
    assert box["width"] <= PHONE["width"]
    # Each figure says what it counts, in Spanish.
    labels = row.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"Casos abiertos"', '"Con retraso"', '"Vencen en dos semanas"'], labels
    # Stacked: the figures sit one below the other, not side by side.
    tops = [c.bounding_box()["y"] for c in row.locator("td").all()]
    assert tops == sorted(tops) and len(set(tops)) == 3
    context.close()
