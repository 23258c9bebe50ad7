"""Transfer pages: a supervisor proposes to move a case; the partner's supervisors answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.casefile import ConfirmForm
from amparo.cases.selectors import case_get_for_user
from amparo.cases.views.common import confirm_page, form_page, is_confirmed
from amparo.core.forms import add_service_errors
from amparo.network import selectors, vocab
from amparo.network.forms import TransferDeclineForm, TransferForm, labels
from amparo.network.models import Transfer
from amparo.network.services import transfers as services
from amparo.network.views.common import (
    confirmed_action,
    run_service,
    status_for,
)


def _may_decide(request: HttpRequest) -> bool:
    return request.user.has_amparo_perm(Perm.EDIT_CASE)


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = case_get_for_user(
        user=user, case_id=pk, log_read=request.method != "POST", for_update=True
    )
    form = TransferForm(request.POST or None, partners=list(selectors.referral_partners(user=user)))
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_check(actor=user, case=case, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
    if request.method == "POST" and form.is_valid():
        if not is_confirmed(request):
            return confirm_page(
                request,
                case=case,
                form=form,
                title=_("Transfer the case"),
                question=_(
                    "Propose this transfer? Once the organisation accepts, it owns the case and "
                    "the survivor's whole file, gives the case a new code, and your organisation "
                    "keeps reading only the sections listed below."
                ),
                submit=_("Yes, propose the transfer"),
                summary=form.summary(),
            )
        try:
            transfer = services.transfer_request(actor=user, case=case, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Transfer %(ref)s proposed to %(org)s.")
                % {"ref": transfer.reference, "org": transfer.to_org.name},
            )
            return redirect("transfer_detail", transfer_id=transfer.pk)
    return form_page(
        request,
        case=case,
        form=form,
        title=_("Transfer the case to another organisation"),
        intro=_(
            "The survivor must have agreed to share the whole file with the organisation, "
            "which must be under a current information-sharing agreement with yours."
        ),
        submit=_("Review the transfer"),
        status=status_for(form),
    )


def _detail_page(
    request: HttpRequest,
    transfer: Transfer,
    *,
    decline_form: TransferDeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    membership = request.user.active_membership
    receiving = membership.organisation_id == transfer.to_org_id
    pending = transfer.status == vocab.TransferStatus.PENDING
    context = {
        "transfer": transfer,
        "receiving": receiving,
        "sending": not receiving,
        "may_decide": pending and _may_decide(request),
        "keep_sections": labels(transfer.keep_sections, vocab.Section),
        "owns_case": transfer.case.organisation_id == membership.organisation_id,
    }
    if receiving and context["may_decide"]:
        context["decline_form"] = decline_form or TransferDeclineForm(
            initial={"version": transfer.version}
        )
    return render(request, "network/transfer_detail.html", context, status=status)


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_detail(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = selectors.transfer_get_for_user(user=request.user, transfer_id=transfer_id)
    return _detail_page(request, transfer)


def _transfer(request: HttpRequest, transfer_id: int, *, receiving: bool) -> Transfer:
    # A confirmation page's GET is a read; the POST's write logs itself.
    transfer = selectors.transfer_get_for_user(
        user=request.user, transfer_id=transfer_id, log_read=request.method != "POST"
    )
    side = transfer.to_org_id if receiving else transfer.from_org_id
    if side != request.user.active_membership.organisation_id or not _may_decide(request):
        raise Http404
    return transfer


def _back(transfer: Transfer) -> HttpResponse:
    return redirect("transfer_detail", transfer_id=transfer.pk)


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_accept_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = _transfer(request, transfer_id, receiving=True)
    back = reverse("transfer_detail", args=[transfer.pk])
    return confirmed_action(
        request,
        form=ConfirmForm(request.POST or None, initial={"version": transfer.version}),
        run=lambda data: services.transfer_accept(
            actor=request.user, transfer=transfer, expected_version=data["version"]
        ),
        done=lambda accepted: _("The case is now yours, with the code %(code)s.")
        % {"code": accepted.new_code},
        then=back,
        title=_("Accept transfer %(ref)s") % {"ref": transfer.reference},
        question=_(
            "Accept the case from %(org)s? Your organisation becomes responsible for it and its "
            "whole file; it gets a new code, and the referring organisation keeps only the "
            "sections the survivor agreed to."
        )
        % {"org": transfer.from_org.name},
        submit=_("Yes, accept the case"),
        back=back,
    )


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
@require_POST
def transfer_decline_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = _transfer(request, transfer_id, receiving=True)
    form = TransferDeclineForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.transfer_decline(
            actor=request.user,
            transfer=transfer,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, _("The transfer is declined."))
        return _back(transfer)
    return _detail_page(request, transfer, decline_form=form, status=422)


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_cancel_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = _transfer(request, transfer_id, receiving=False)
    back = reverse("transfer_detail", args=[transfer.pk])
    return confirmed_action(
        request,
        form=ConfirmForm(request.POST or None, initial={"version": transfer.version}),
        run=lambda data: services.transfer_cancel(
            actor=request.user, transfer=transfer, expected_version=data["version"]
        ),
        done=_("The transfer is cancelled."),
        then=back,
        title=_("Cancel transfer %(ref)s") % {"ref": transfer.reference},
        question=_("Cancel this transfer? The case stays with your organisation."),
        submit=_("Yes, cancel the transfer"),
        back=back,
    )
