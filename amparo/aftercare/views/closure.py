from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.services.closure import closure_rule_for
from amparo.aftercare.views.common import back, case_for, form_page, stale
from amparo.cases import services as case_services
from amparo.cases.forms.casefile import CaseCloseForm
from amparo.cases.views.common import confirm_page, is_confirmed
from amparo.core.concurrency import StaleVersionError
from amparo.core.forms import add_service_errors


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close with the restoration rule shown first; supervisors may override with a reason."""
    case = case_for(request, pk)
    rule = closure_rule_for(case=case)
    may_override = request.user.has_amparo_perm(Perm.ASSIGN)
    form = CaseCloseForm(
        request.POST or None, initial={"version": case.version}, may_override=may_override
    )
    if request.method == "POST" and form.is_valid():
        if not is_confirmed(request):
            return confirm_page(
                request,
                case=case,
                form=form,
                title=_("Close case %(code)s") % {"code": case.code},
                question=_("Closing ends active work on this case. It is kept, never deleted.")
                + " "
                + (
                    _("The closure rule is met.")
                    if rule.met
                    else _("The closure rule is NOT met: you are overriding it.")
                ),
                submit=_("Yes, close the case"),
                summary=[
                    (
                        str(form.fields["reason"].label),
                        dict(form.fields["reason"].choices)[form.cleaned_data["reason"]],
                    ),
                    (str(form.fields["closed_on"].label), str(form.cleaned_data["closed_on"])),
                ],
            )
        try:
            case_services.case_close(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                closed_on=form.cleaned_data["closed_on"],
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except StaleVersionError as exc:
            stale(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc, rename={"closure_reason": "reason"})
        else:
            messages.success(request, _("The case is closed."))
            return back(case)
    return form_page(
        request,
        case=case,
        form=form,
        rule=rule,
        may_override=may_override,
        template="aftercare/close_form.html",
        title=_("Close the case"),
        submit=_("Continue"),
        danger=True,
    )
