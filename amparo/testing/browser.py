"""A headless Chromium for the browser tests, from the system (Debian's chromium).

Playwright's own browser downloads are not used. Without /usr/bin/chromium the
browser tests are skipped on a workstation and fail in CI, where a missing
browser is a broken pipeline, not a reason to pass.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots for a person to look at after a run; nothing is read back from here.
SHOTS = Path(os.environ.get("AMPARO_SHOTS", "/tmp/amparo-shots"))  # noqa: S108
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM,
    # used by the tests and the live server, would otherwise refuse to run.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB")
    # Generous: CI runs two test workers on two cores, and a sign-in with TOTP under
    # that load can take seconds.
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()
