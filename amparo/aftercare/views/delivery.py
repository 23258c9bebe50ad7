"""Services delivered and counselling sessions."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.delivery import CounsellingSessionForm, ServiceForm
from amparo.aftercare.services.delivery import counselling_session_record, service_record
from amparo.aftercare.views.common import case_for, form_page, restoration_url
from amparo.cases.selectors import sharing_organisations
from amparo.core.views import form_submit


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def service_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = ServiceForm(request.POST or None, partners=sharing_organisations(user=request.user))
    return form_submit(
        request,
        form,
        lambda _data: service_record(actor=request.user, case=case, data=form.to_input()),
        then=restoration_url(case, "services"),
        done=_("The service is recorded."),
    ) or form_page(
        request, case=case, form=form, title=_("Record a service"), submit=_("Record service")
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def counselling_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = CounsellingSessionForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda data: counselling_session_record(actor=request.user, case=case, **data),
        then=restoration_url(case, "services"),
        done=_("The session notes are saved."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Counselling session notes"),
        submit=_("Save notes"),
    )
