"""Asking a supervisor to close a case before its rule is met, and deciding the request."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases import services, vocab
from amparo.cases.extensions import closure_check_for
from amparo.cases.forms.closure import ClosureDecisionForm, ClosureRequestForm
from amparo.cases.models import ClosureRequest
from amparo.cases.selectors import CASE_PERMS
from amparo.cases.selectors_closure import closure_request_get_for_user
from amparo.cases.views.common import case_for_page, confirm_page, file_url, is_confirmed
from amparo.core.api import error_keys
from amparo.core.views import form_page, form_submit


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def closure_request_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the supervisors to close the case although its closure rule is not met."""
    case = case_for_page(request, pk)
    form = ClosureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        return confirm_page(
            request,
            case=case,
            form=form,
            title=_("Ask a supervisor to close case %(code)s") % {"code": case.code},
            question=_(
                "The supervisors of your organisation are told. The case closes only if one "
                "approves; until then it stays open."
            ),
            submit=_("Yes, send the request"),
            summary=[
                (
                    str(form.fields["reason"].label),
                    dict(form.fields["reason"].choices)[form.cleaned_data["reason"]],
                ),
                (str(form.fields["closed_on"].label), str(form.cleaned_data["closed_on"])),
            ],
        )

    def ask(data: dict) -> ClosureRequest:
        with error_keys(closure_reason="reason"):
            return services.closure_request_create(
                actor=request.user,
                case=case,
                reason=data["reason"],
                closed_on=data["closed_on"],
                justification=data["justification"],
            )

    return form_submit(
        request,
        form,
        ask,
        then=file_url(case),
        done=_("Your request is with the supervisors; you will be told of their decision."),
    ) or form_page(
        request,
        template="cases/close_form.html",
        form=form,
        case=case,
        rule=closure_check_for(case),
        asking=True,
        title=_("Ask a supervisor to approve the closure"),
        submit=_("Continue"),
    )


@never_cache
@perm_required_view(*CASE_PERMS, record=True)
def closure_request_detail(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    """A closure request as asked; a supervisor approves (the case closes) or declines it."""
    closure_request = closure_request_get_for_user(
        user=request.user, case_id=pk, request_id=request_pk, log_read=request.method != "POST"
    )
    case = closure_request.case
    may_decide = closure_request.is_pending and request.user.has_amparo_perm(Perm.ASSIGN)
    form = ClosureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        approving = form.cleaned_data["decision"] == ClosureDecisionForm.APPROVE
        return confirm_page(
            request,
            case=case,
            form=form,
            title=_("Close case %(code)s") % {"code": case.code}
            if approving
            else _("Decline closing case %(code)s") % {"code": case.code},
            question=_(
                "Closing ends active work on this case, before its closure rule is met: "
                "the override is recorded as yours. It is kept, never deleted."
            )
            if approving
            else _("The case stays open and the requester reads your note."),
            submit=_("Yes, close the case") if approving else _("Yes, decline"),
        )

    def decide(data: dict) -> ClosureRequest:
        if data["decision"] == ClosureDecisionForm.APPROVE:
            with error_keys(closure_reason="decision", override_reason="decision"):
                return services.closure_request_approve(
                    actor=request.user, closure_request=closure_request, note=data["note"]
                )
        return services.closure_request_decline(
            actor=request.user, closure_request=closure_request, note=data["note"]
        )

    return form_submit(
        request,
        form,
        decide,
        then=file_url(case),
        done=lambda decided: _("The case is closed.")
        if decided.status == vocab.ClosureRequestStatus.APPROVED
        else _("The request is declined; the requester is told."),
    ) or form_page(
        request,
        template="cases/closure_request.html",
        form=form,
        case=case,
        closure_request=closure_request,
        rule=closure_check_for(case),
        may_decide=may_decide,
        title=_("Closure request"),
        submit=_("Continue"),
    )
