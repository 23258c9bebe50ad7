"""Transfer pages: a supervisor proposes to move a case; the partner's supervisors answer.

Who may decide which side of a transfer is the selectors' to say (``NotFound``
otherwise); each page declares the permission it needs and restates no rule.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.casefile import ConfirmForm
from amparo.cases.selectors import case_get_for_user
from amparo.core.views import confirmed_action, form_status, form_submit
from amparo.network import selectors, vocab
from amparo.network.forms import TransferDeclineForm, TransferForm, labels
from amparo.network.models import Transfer
from amparo.network.services import transfers as services
from amparo.network.views import common
from amparo.people.vocab import Section


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = case_get_for_user(
        user=user, case_id=pk, log_read=request.method != "POST", for_update=True
    )
    form = TransferForm(request.POST or None, partners=list(selectors.referral_partners(user=user)))
    return common.checked_and_confirmed(
        request,
        case=case,
        form=form,
        check=lambda: services.transfer_check(actor=user, case=case, data=form.to_input()),
        run=lambda _data: services.transfer_request(actor=user, case=case, data=form.to_input()),
        then=_detail_url,
        done=lambda transfer: _("Transfer %(ref)s proposed to %(org)s.")
        % {"ref": transfer.reference, "org": transfer.to_org.name},
        title=_("Transfer the case"),
        question=_(
            "Propose this transfer? Once the organisation accepts, it owns the case and "
            "the survivor's whole file, gives the case a new code, and your organisation "
            "keeps reading only the sections listed below."
        ),
        submit=_("Yes, propose the transfer"),
        summary=form.summary,
    ) or common.form_page(
        request,
        case=case,
        form=form,
        title=_("Transfer the case to another organisation"),
        intro=_(
            "The survivor must have agreed to share the whole file with the organisation, "
            "which must be under a current information-sharing agreement with yours."
        ),
        submit=_("Review the transfer"),
    )


def _detail_page(
    request: HttpRequest,
    transfer: Transfer,
    *,
    decline_form: TransferDeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sides = selectors.transfer_sides(user=request.user, transfer=transfer)
    pending = transfer.status == vocab.TransferStatus.PENDING
    context = {
        **sides,
        "transfer": transfer,
        "may_decide": pending and sides["may_decide"],
        "keep_sections": labels(transfer.keep_sections, Section),
    }
    if sides["receiving"] and context["may_decide"]:
        context["decline_form"] = decline_form or TransferDeclineForm(
            initial={"version": transfer.version}
        )
    return render(request, "network/transfer_detail.html", context, status=status)


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_detail(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = selectors.transfer_get_for_user(user=request.user, transfer_id=transfer_id)
    return _detail_page(request, transfer)


def _to_decide(request: HttpRequest, transfer_id: int, *, receiving: bool) -> Transfer:
    # A confirmation page's GET is a read; the POST's write logs itself.
    return selectors.transfer_get_to_decide(
        user=request.user,
        transfer_id=transfer_id,
        receiving=receiving,
        log_read=request.method != "POST",
    )


def _detail_url(transfer: Transfer) -> str:
    return reverse("transfer_detail", args=[transfer.pk])


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_accept_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = _to_decide(request, transfer_id, receiving=True)
    back = _detail_url(transfer)
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
    transfer = _to_decide(request, transfer_id, receiving=True)
    form = TransferDeclineForm(request.POST)
    return form_submit(
        request,
        form,
        lambda data: services.transfer_decline(
            actor=request.user,
            transfer=transfer,
            expected_version=data["version"],
            note=data["note"],
        ),
        then=_detail_url(transfer),
        done=_("The transfer is declined."),
    ) or _detail_page(request, transfer, decline_form=form, status=form_status(form))


@never_cache
@perm_required_view(Perm.CASES_ALL, record=True)
def transfer_cancel_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = _to_decide(request, transfer_id, receiving=False)
    back = _detail_url(transfer)
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
