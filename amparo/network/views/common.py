"""Helpers shared by the network pages."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amparo.accounts.roles import Perm
from amparo.core.concurrency import StaleVersionError
from amparo.core.forms import add_service_errors

# Any member of an organisation: who may read their own notifications.
ANY_MEMBER = tuple(Perm)
PAGE_SIZE = 25


def action_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    question: str,
    submit: str,
    back: str,
    summary: list[tuple[str, str]] | None = None,
    danger: bool = True,
    status: int = 200,
) -> HttpResponse:
    """One consequential action on its own page: what it does, the form, and a way back."""
    return render(
        request,
        "core/action_page.html",
        {
            "form": form,
            "title": title,
            "question": question,
            "submit": submit,
            "back": back,
            "summary": summary or [],
            "danger": danger,
        },
        status=status,
    )


def status_for(form: forms.Form) -> int:
    return 422 if form.is_bound else 200


T = TypeVar("T")


def run_service(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run a service for a valid form. Its refusals become the form's errors, and
    nothing is returned: a stale version or a rule broken writes nothing."""
    try:
        return call()
    except StaleVersionError as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        add_service_errors(form, exc)
    return None


def confirmed_action(
    request: HttpRequest,
    *,
    form: forms.Form,
    run: Callable[[dict], T],
    done: str | Callable[[T], str],
    then: str,
    title: str,
    question: str,
    submit: str,
    back: str,
) -> HttpResponse:
    """A consequential action asked on its own page. On a valid POST the service
    runs; success is said and redirects to ``then``; a refusal stays on the page."""
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: run(form.cleaned_data))
        if result is not None:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(then)
    return action_page(
        request,
        form=form,
        title=title,
        question=question,
        submit=submit,
        back=back,
        status=status_for(form),
    )
