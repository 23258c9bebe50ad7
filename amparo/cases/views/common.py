"""Small helpers shared by the case pages."""

from collections.abc import Mapping

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amparo.cases.classification import QUESTION_FIELDS, classify
from amparo.cases.models import Case
from amparo.cases.vocab import GbvType


def form_page(
    request: HttpRequest,
    *,
    case: Case | None,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    danger: bool = False,
    status: int = 200,
) -> HttpResponse:
    """A page holding one form, for actions that need their own screen."""
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            "danger": danger,
        },
        status=status,
    )


def confirm_page(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    title: str,
    question: str,
    submit: str,
    summary: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """Ask once more before a consequential action; the cleaned data rides along hidden."""
    return render(
        request,
        "cases/confirm.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "question": question,
            "submit": submit,
            "summary": summary or [],
        },
    )


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirmed") == "yes"


def gbv_type_label(answers: Mapping[str, object]) -> str:
    """The GBVIMS type that yes/no answers (``"yes"``/``"no"``) lead to."""
    return GbvType(classify({q: answers.get(q) == "yes" for q in QUESTION_FIELDS})).label
