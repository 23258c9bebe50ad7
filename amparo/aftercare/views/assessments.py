from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.assessments import AssessmentForm
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.views.common import back, case_for, form_page
from amparo.core.forms import add_service_errors


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Every item of the organisation's active instrument, grouped by domain."""
    case = case_for(request, pk)
    instrument = active_instrument(organisation_id=case.organisation_id)
    form = AssessmentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_record(
                actor=request.user,
                case=case,
                assessed_on=form.cleaned_data["assessed_on"],
                scores=form.scores(),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            add_service_errors(
                form,
                exc,
                rename={
                    k: "score_" + k.removeprefix("scores.")
                    for k in getattr(exc, "error_dict", {})
                    if k.startswith("scores.")
                },
            )
        else:
            messages.success(request, _("The assessment is recorded."))
            return back(case, "assessments")
    return form_page(
        request,
        case=case,
        form=form,
        instrument=instrument,
        template="aftercare/assessment_form.html",
        title=_("Restoration assessment"),
        submit=_("Record assessment"),
        intro=_("Score every item: 1 is most vulnerable."),
    )
