"""What the network pages add to the house's page plumbing (``amparo.core.views``):
their template and case header, and the two-step write that sends from a case."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse

from amparo.cases.models import Case
from amparo.cases.views.common import confirm_page, is_confirmed
from amparo.core import views as core_views

PAGE_SIZE = 25

T = TypeVar("T")


def form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    case: Case | None = None,
) -> HttpResponse:
    """A network form on its own page, under the case's header when it is about one."""
    return core_views.form_page(
        request,
        template="cases/form_page.html",
        form=form,
        case=case,
        title=title,
        submit=submit,
        intro=intro,
        danger=False,
    )


def checked_and_confirmed(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    check: Callable[[], None],
    run: Callable[[dict], T],
    then: str | Callable[[T], str],
    done: str | Callable[[T], str],
    title: str,
    question: str,
    submit: str,
    summary: Callable[[], list[tuple[str, str]]],
) -> HttpResponse | None:
    """A write from a case asked twice: a form its service's ``check`` accepts is shown
    once more to confirm; the confirmed POST runs it (``amparo.core.views.form_submit``).

    ``None`` when the caller's form page is due: a GET, or a form or service refusal.
    """
    if (
        request.method == "POST"
        and form.is_valid()
        and core_views.run_service(form, check) is not core_views.REFUSED
        and not is_confirmed(request)
    ):
        return confirm_page(
            request,
            case=case,
            form=form,
            title=title,
            question=question,
            submit=submit,
            summary=summary(),
        )
    return core_views.form_submit(request, form, run, then=then, done=done)
