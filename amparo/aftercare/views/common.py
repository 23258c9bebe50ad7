"""Helpers shared by the restoration pages."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from amparo.accounts.roles import Perm
from amparo.cases.models import Case
from amparo.cases.selectors import case_get_for_user
from amparo.core.concurrency import StaleVersionError

CASE_PERMS = (Perm.CASES_ASSIGNED, Perm.CASES_ALL)


def case_for(request: HttpRequest, pk: int) -> Case:
    """The case if the user may open it (else 404). A GET is a logged read; the write logs itself."""
    return case_get_for_user(user=request.user, case_id=pk, log_read=request.method != "POST")


def back(case: Case, anchor: str = "") -> HttpResponse:
    url = reverse("case_restoration", kwargs={"pk": case.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


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
    """One form on its own page; 422 when a submitted form is sent back with errors."""
    return render(
        request,
        template,
        {
            "case": case,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            "danger": danger,
            **extra,
        },
        status=422 if form.is_bound else 200,
    )
