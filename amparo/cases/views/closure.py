"""Closing a case: what the closure checks say first; supervisors may override with a reason,
and others may ask one to (``closure_requests``)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases import services, vocab
from amparo.cases.extensions import closure_check_for
from amparo.cases.forms.casefile import CaseCloseForm
from amparo.cases.models import Case
from amparo.cases.selectors import case_get_for_user
from amparo.cases.selectors_closure import pending_closure_request_for_case
from amparo.cases.views.common import confirm_page, is_confirmed
from amparo.core.api import error_keys
from amparo.core.views import form_page, form_submit


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close with the closure checks shown first; supervisors may override with a reason."""
    case = case_get_for_user(user=request.user, case_id=pk, log_read=request.method != "POST")
    rule = closure_check_for(case)
    may_override = request.user.has_amparo_perm(Perm.ASSIGN)
    form = CaseCloseForm(
        request.POST or None, initial={"version": case.version}, may_override=may_override
    )
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
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
                if vocab.closure_needs_restoration(form.cleaned_data["reason"])
                else _("This closure does not need the closure rule.")
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

    def close(data: dict) -> Case:
        # The service names the field after the model (closure_reason); the form asks "reason".
        with error_keys(closure_reason="reason"):
            return services.case_close(
                actor=request.user,
                case=case,
                expected_version=data["version"],
                reason=data["reason"],
                closed_on=data["closed_on"],
                override_reason=data.get("override_reason", ""),
            )

    return form_submit(
        request,
        form,
        close,
        then=reverse("case_file", kwargs={"pk": case.pk}),
        done=_("The case is closed."),
    ) or form_page(
        request,
        template="cases/close_form.html",
        form=form,
        case=case,
        rule=rule,
        may_override=may_override,
        pending_request=pending_closure_request_for_case(case=case),
        reasons_without_restoration=[
            reason.label
            for reason in vocab.ClosureReason
            if not vocab.closure_needs_restoration(reason)
        ],
        title=_("Close the case"),
        submit=_("Continue"),
        danger=True,
    )
