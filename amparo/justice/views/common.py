"""What the justice pages add to the core form plumbing: their template, the legal
case's header, and the way back to the legal case."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from amparo.core.views import form_page, form_submit
from amparo.justice.models import LegalCase
from amparo.justice.selectors import legal_case_get_for_user

T = TypeVar("T")


def get_legal_case(request: HttpRequest, pk: int) -> LegalCase:
    """The legal case or 404. A form page's GET is a read; the POST's write logs itself."""
    return legal_case_get_for_user(
        user=request.user, legal_case_id=pk, log_read=request.method != "POST"
    )


def legal_case_url(legal_case: LegalCase, anchor: str = "") -> str:
    """The legal case's page, at the section ``anchor`` names."""
    url = reverse("legal_case", kwargs={"pk": legal_case.pk})
    return f"{url}#{anchor}" if anchor else url


def legal_form_page(
    request: HttpRequest,
    *,
    legal_case: LegalCase | None,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    danger: bool = False,
) -> HttpResponse:
    """A page of its own holding one form, under the legal case's header (or the
    justice menu when there is no legal case yet)."""
    return form_page(
        request,
        template="justice/form_page.html",
        form=form,
        legal_case=legal_case,
        title=title,
        submit=submit,
        intro=intro,
        danger=danger,
    )


def legal_case_form(
    request: HttpRequest,
    *,
    legal_case: LegalCase,
    form: forms.Form,
    run: Callable[[dict], T],
    done: str,
    anchor: str,
    title: str,
    submit: str,
    intro: str = "",
) -> HttpResponse:
    """An event of a legal case on its own page: on success, back to the legal case at
    ``anchor``; otherwise the form (``form_submit`` decides which)."""
    return form_submit(
        request, form, run, then=legal_case_url(legal_case, anchor), done=done
    ) or legal_form_page(
        request, legal_case=legal_case, form=form, title=title, submit=submit, intro=intro
    )
