from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
from amparo.core.forms import add_service_errors


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
    if request.method == "POST" and form.is_valid():
        try:
            operation = rescue_operation_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The rescue operation is recorded."))
            return redirect("rescue_detail", pk=operation.pk)
    return render(
        request,
        "cases/rescue_form.html",
        {"form": form, "departments": GT_DEPARTMENTS},
        status=422 if form.is_bound else 200,
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
