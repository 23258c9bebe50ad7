"""Rescue operations: the list, recording one, and the cases started from it."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.rescue import QuickRegistrationForm, RescueOperationForm
from amparo.cases.places import GT_DEPARTMENTS
from amparo.cases.selectors import (
    rescue_operation_cases,
    rescue_operation_get_for_user,
    rescue_operations_for_user,
)
from amparo.cases.selectors_drafts import draft_summaries, intake_drafts_for_user
from amparo.cases.services import drafts, rescue_operation_record
from amparo.core.views import form_page, form_status, form_submit


@never_cache
@perm_required_view(Perm.INTAKE)
def rescue_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/rescue_list.html",
        {"operations": rescue_operations_for_user(user=request.user)},
    )


@never_cache
@perm_required_view(Perm.INTAKE)
def rescue_new(request: HttpRequest) -> HttpResponse:
    form = RescueOperationForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda data: rescue_operation_record(actor=request.user, **data),
        then=lambda operation: reverse("rescue_detail", kwargs={"pk": operation.pk}),
        done=_("The rescue operation is recorded."),
    ) or form_page(
        request, template="cases/rescue_form.html", form=form, departments=GT_DEPARTMENTS
    )


@never_cache
@perm_required_view(Perm.INTAKE, record=True)
def rescue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    operation = rescue_operation_get_for_user(user=request.user, operation_id=pk)
    return render(
        request,
        "cases/rescue_detail.html",
        {
            "operation": operation,
            "cases": rescue_operation_cases(user=request.user, operation=operation),
            "drafts": _drafts(request, operation.pk),
            "retention_days": settings.AMPARO_INTAKE_DRAFT_DAYS,
        },
    )


def _drafts(request: HttpRequest, operation_id: int) -> list:
    drafts = intake_drafts_for_user(user=request.user, rescue_operation_id=operation_id)
    return draft_summaries(drafts[:200])


@never_cache
@perm_required_view(Perm.INTAKE, record=True)
def rescue_quick_register(request: HttpRequest, pk: int) -> HttpResponse:
    """One person after another: each registration returns here, ready for the next."""
    operation = rescue_operation_get_for_user(user=request.user, operation_id=pk)
    form = QuickRegistrationForm(request.POST or None)
    here = reverse("rescue_quick_register", kwargs={"pk": operation.pk})
    return form_submit(
        request,
        form,
        lambda data: drafts.rescue_quick_register(
            actor=request.user, operation=operation, data=drafts.QuickRegistration(**data)
        ),
        then=here,
        done=lambda draft: _(
            "%(name)s is registered. Register the next person, or complete an intake below."
        )
        % {"name": form.cleaned_data["pseudonym"]},
    ) or render(
        request,
        "cases/rescue_register.html",
        {
            "operation": operation,
            "form": form,
            "drafts": _drafts(request, operation.pk),
            "retention_days": settings.AMPARO_INTAKE_DRAFT_DAYS,
        },
        status=form_status(form),
    )
