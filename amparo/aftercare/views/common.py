"""What the restoration pages share: the case they are about and where they lead back.

Status codes, refusals and redirects come from ``amparo.core.views``; these
helpers only fill in the restoration context (the case header, the template,
the way back to the case's restoration page).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from amparo.cases.models import Case
from amparo.cases.selectors import case_get_for_user
from amparo.core import views as core_views
from amparo.core.concurrency import StaleVersionError


def case_for(request: HttpRequest, pk: int) -> Case:
    """The case if the user may open it (else 404). A GET is a logged read; the write logs itself."""
    return case_get_for_user(user=request.user, case_id=pk, log_read=request.method != "POST")


def restoration_url(case: Case, anchor: str = "") -> str:
    """The case's restoration page, at the section ``anchor``."""
    url = reverse("case_restoration", kwargs={"pk": case.pk})
    return f"{url}#{anchor}" if anchor else url


# ``back`` and ``stale`` serve only the close page (``views/closure.py``), which is
# moving to cases; every restoration page gets both from core.views.form_submit.
def back(case: Case, anchor: str = "") -> HttpResponse:
    return redirect(restoration_url(case, anchor))


def stale(form: forms.Form, exc: StaleVersionError) -> None:
    form.add_error(None, str(exc))


def form_page(
    request: HttpRequest,
    *,
    case: Case | None,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    template: str = "aftercare/form_page.html",
    danger: bool = False,
    **extra: object,
) -> HttpResponse:
    """A restoration form on its own page, under the case's header (``core.views.form_page``)."""
    return core_views.form_page(
        request,
        template=template,
        form=form,
        case=case,
        title=title,
        submit=submit,
        intro=intro,
        danger=danger,
        **extra,
    )


def button_action(
    request: HttpRequest, run: Callable[[], Any], *, done: str, then: str
) -> HttpResponse:
    """A button on a page (approve, send, done) that posts with no form of its own.

    The service runs; its refusal (a conflict, a broken rule) is shown as a
    message, as its success is, and either way the user goes back to ``then``,
    the page that holds the button.
    """
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(then)
