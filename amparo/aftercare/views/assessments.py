from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.assessments import AssessmentForm
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.views.common import case_for, form_page, restoration_url
from amparo.core.api import error_keys
from amparo.core.views import form_submit


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Every item of the organisation's active instrument, grouped by domain."""
    case = case_for(request, pk)
    instrument = active_instrument(organisation_id=case.organisation_id)
    form = AssessmentForm(request.POST or None, instrument=instrument)

    def record(data: dict) -> object:
        with error_keys(**form.service_keys()):
            return assessment_record(
                actor=request.user,
                case=case,
                assessed_on=data["assessed_on"],
                scores=form.scores(),
                notes=data["notes"],
            )

    return form_submit(
        request,
        form,
        record,
        then=restoration_url(case, "assessments"),
        done=_("The assessment is recorded."),
    ) or form_page(
        request,
        case=case,
        form=form,
        instrument=instrument,
        template="aftercare/assessment_form.html",
        title=_("Restoration assessment"),
        submit=_("Record assessment"),
        intro=_("Score every item: 1 is most vulnerable."),
    )
