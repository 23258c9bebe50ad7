"""Services delivered and counselling sessions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.delivery import CounsellingSessionForm, ServiceForm
from amparo.aftercare.services.delivery import counselling_session_record, service_record
from amparo.aftercare.views.common import back, case_for, form_page
from amparo.cases.selectors import sharing_organisations
from amparo.core.forms import add_service_errors


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def service_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = ServiceForm(request.POST or None, partners=sharing_organisations(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            service_record(actor=request.user, case=case, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The service is recorded."))
            return back(case, "services")
    return form_page(
        request, case=case, form=form, title=_("Record a service"), submit=_("Record service")
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def counselling_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = CounsellingSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            counselling_session_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session notes are saved."))
            return back(case, "services")
    return form_page(
        request,
        case=case,
        form=form,
        title=_("Counselling session notes"),
        submit=_("Save notes"),
    )
