"""Rescue operations: the list, recording one, and the cases started from it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.rescue import RescueOperationForm
from amparo.cases.places import GT_DEPARTMENTS
from amparo.cases.selectors import (
    rescue_operation_cases,
    rescue_operation_get_for_user,
    rescue_operations_for_user,
)
from amparo.cases.services import rescue_operation_record
from amparo.core.views import form_page, form_submit


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
        },
    )
