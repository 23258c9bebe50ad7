"""Small helpers shared by the justice pages."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amparo.justice.models import LegalCase
from amparo.justice.selectors import legal_case_get_for_user


def get_legal_case(request: HttpRequest, pk: int) -> LegalCase:
    """The legal case or 404. A form page's GET is a read; the POST's write logs itself."""
    return legal_case_get_for_user(
        user=request.user, legal_case_id=pk, log_read=request.method != "POST"
    )


def back(legal_case: LegalCase, anchor: str = "") -> HttpResponse:
    response = redirect("legal_case", pk=legal_case.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def form_page(
    request: HttpRequest,
    *,
    legal_case: LegalCase | None,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    danger: bool = False,
    summary: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """A page holding one form; a bound (failed) form answers 422."""
    return render(
        request,
        "justice/form_page.html",
        {
            "legal_case": legal_case,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            "danger": danger,
            "summary": summary or [],
        },
        status=422 if form.is_bound else 200,
    )
