"""One plumbing for pages that hold a form, used by every app.

A page shows its form on GET and answers 200; a POST whose form or service
refuses answers 422 with the errors beside their fields and writes nothing; a
POST that succeeds says so and redirects (post/redirect/get). Services refuse
with ``ValidationError`` (bad input) or ``StaleVersionError`` (someone saved
first); both land on the form, so no view catches them itself.
"""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amparo.core.concurrency import StaleVersionError
from amparo.core.forms import add_service_errors

T = TypeVar("T")


def form_status(form: forms.Form) -> int:
    """200 for a fresh form; 422 for a submitted one sent back with its errors."""
    return 422 if form.is_bound else 200


def form_page(
    request: HttpRequest, *, template: str, form: forms.Form, **context: object
) -> HttpResponse:
    """Render ``template`` holding ``form``, with the status its state calls for."""
    return render(request, template, {"form": form, **context}, status=form_status(form))


class _Refused:
    """The service refused; its errors are on the form."""


REFUSED = _Refused()


def run_service(form: forms.Form, call: Callable[[], T]) -> T | _Refused:
    """Run a service for a valid form. A refusal becomes the form's errors and
    ``REFUSED`` is returned: a stale version or a broken rule writes nothing."""
    try:
        return call()
    except StaleVersionError as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        add_service_errors(form, exc)
    return REFUSED


def form_submit(
    request: HttpRequest,
    form: forms.Form,
    run: Callable[[dict], T],
    *,
    then: str | Callable[[T], str],
    done: str | Callable[[T], str] = "",
) -> HttpResponse | None:
    """On a valid POST run the service; on success say ``done`` and redirect to ``then``.

    Returns ``None`` when there is nothing to redirect to (a GET, an invalid
    form, a refusal): the caller renders its page, whose status
    ``form_status`` gives.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    result = run_service(form, lambda: run(form.cleaned_data))
    if isinstance(result, _Refused):
        return None
    message = done(result) if callable(done) else done
    if message:
        messages.success(request, message)
    return redirect(then(result) if callable(then) else then)


def confirmed_action(
    request: HttpRequest,
    *,
    form: forms.Form,
    run: Callable[[dict], T],
    then: str | Callable[[T], str],
    done: str | Callable[[T], str],
    title: str,
    question: str,
    submit: str,
    back: str,
    summary: list[tuple[str, str]] | None = None,
    danger: bool = True,
    template: str = "core/action_page.html",
) -> HttpResponse:
    """A consequential action asked on its own page, then run on a valid POST."""
    return form_submit(request, form, run, then=then, done=done) or form_page(
        request,
        template=template,
        form=form,
        title=title,
        question=question,
        submit=submit,
        back=back,
        summary=summary or [],
        danger=danger,
    )


def is_confirmed(request: HttpRequest) -> bool:
    """Whether this POST comes from the page ``confirm_page`` asked on."""
    return request.POST.get("confirmed") == "yes"


def confirm_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    question: str,
    submit: str,
    back: str,
    summary: list[tuple[str, str]] | None = None,
    template: str = "core/confirm_page.html",
    **context: object,
) -> HttpResponse:
    """Ask once more before a consequential action the user has already filled in.

    What the form holds rides along hidden with ``confirmed=yes``, so the same
    view, seeing ``is_confirmed``, runs the action on the next POST; ``back``
    leaves without doing it.
    """
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "question": question,
            "submit": submit,
            "back": back,
            "summary": summary or [],
            **context,
        },
    )
