"""A caseworker on a phone enters a restoration assessment, sees the trajectory
chart and the next due date on "my work"."""

import pytest
from playwright.sync_api import expect

from amparo.accounts.models import Organisation, OrganisationKind
from amparo.aftercare.tests.conftest import all_scores, days_ago
from amparo.cases.models import Case
from amparo.cases.tests.test_browser import sign_in
from amparo.core.dates import add_months
from amparo.testing.browser import PHONE, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"aftercare-{name}.png"), full_page=True)


def test_assessment_trajectory_and_my_work_on_a_phone(page, live_server, cast):
    # An aftercare organisation, whose case was opened 190 days ago: the
    # intake assessment is entered late, so the next one falls due within days.
    Organisation.objects.filter(pk=cast.lex.pk).update(kind=OrganisationKind.AFTERCARE)
    Case.objects.filter(pk=cast.case.pk).update(opened_on=days_ago(190))
    case = cast.case
    scores = all_scores(case, 2)
    sign_in(page, cast.caseworker)

    page.goto(f"/cases/{case.pk}/restoration/")
    shot(page, "01-restoration-empty")
    page.click("text=Enter an assessment")
    page.wait_for_url("**/assessments/new/")
    assessed_on = days_ago(180)
    page.fill("input[name=assessed_on]", assessed_on.isoformat())
    for index, code in enumerate(scores):
        page.check(f"input[name=score_{code}][value='{2 + index % 2}']")
    shot(page, "02-assessment-form")
    page.click("button:has-text('Record assessment')")

    page.wait_for_url(f"**/cases/{case.pk}/restoration/#assessments")
    expect(page.locator(".msg.success")).to_contain_text("assessment is recorded")
    chart = page.locator("#trajectory-safety svg")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 200
    next_due = add_months(assessed_on, 6).isoformat()  # six calendar months on
    expect(page.locator("#next-due")).to_contain_text(next_due)
    page.locator("#assessments").screenshot(path=str(SHOTS / "aftercare-03-trajectory.png"))
    shot(page, "03-restoration")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.goto("/work/")
    item = page.locator(".work-item.kind-assessment")
    expect(item).to_contain_text(next_due)
    expect(item).to_contain_text(case.code)
    shot(page, "04-my-work")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
