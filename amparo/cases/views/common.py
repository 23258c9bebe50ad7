"""The case pages' own context for the page helpers of ``amparo.core.views``.

These only name the template and fill what a case page shows around its form
(the case's header, the way back to its file); status, refusals and
redirects are the core helpers' alone.
"""

from collections.abc import Mapping

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from amparo.cases.classification import QUESTION_FIELDS, classify
from amparo.cases.models import Case
from amparo.cases.selectors import case_get_for_user
from amparo.cases.vocab import GbvType
from amparo.core import views as core_views

# Other apps' pages still import the helper from here; it lives in core.
is_confirmed = core_views.is_confirmed


def case_for_page(request: HttpRequest, pk: int) -> Case:
    """The case a page acts on, if the user may open it (else ``NotFound``).

    Showing the page (GET) is a read of the file and is logged; a POST is
    logged by the write it makes.
    """
    return case_get_for_user(user=request.user, case_id=pk, log_read=request.method != "POST")


def file_url(case: Case) -> str:
    """Where a case page goes back to: the case file."""
    return reverse("case_file", kwargs={"pk": case.pk})


def form_page(
    request: HttpRequest,
    *,
    case: Case | None,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    danger: bool = False,
    status: int | None = None,
) -> HttpResponse:
    """A page holding one form, under the case's header; 200 fresh, 422 sent back.

    ``status`` is only for the network pages that still pass their own
    (always ``form_status``'s); it goes once they call the core helper.
    """
    response = core_views.form_page(
        request,
        template="cases/form_page.html",
        form=form,
        case=case,
        title=title,
        submit=submit,
        intro=intro,
        danger=danger,
    )
    if status is not None:
        response.status_code = status
    return response


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
    """``core.views.confirm_page`` under the case's header, going back to its file."""
    return core_views.confirm_page(
        request,
        form=form,
        title=title,
        question=question,
        submit=submit,
        back=file_url(case),
        summary=summary,
        template="cases/confirm.html",
        case=case,
    )


def gbv_type_label(answers: Mapping[str, object]) -> str:
    """The GBVIMS type that yes/no answers (``"yes"``/``"no"``) lead to."""
    return GbvType(classify({q: answers.get(q) == "yes" for q in QUESTION_FIELDS})).label
