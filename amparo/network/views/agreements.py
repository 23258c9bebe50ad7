"""Information-sharing agreements: listed for those who refer, recorded and ended by admins."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.casefile import ConfirmForm
from amparo.core.views import confirmed_action, form_submit
from amparo.network import selectors
from amparo.network.forms import AgreementForm
from amparo.network.services.agreements import agreement_end, agreement_record
from amparo.network.views import common


@never_cache
@perm_required_view(Perm.MANAGE_ORG, Perm.REFERRALS)
def agreement_list_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current, past = [], []
    for agreement in selectors.agreement_list(user=request.user):
        (current if agreement.is_current(today) else past).append(agreement)
    return render(
        request,
        "network/agreements.html",
        {
            "current": current,
            "past": past,
            "may_manage": request.user.has_amparo_perm(Perm.MANAGE_ORG),
        },
    )


@never_cache
@perm_required_view(Perm.MANAGE_ORG)
def agreement_new(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(
        request.POST or None,
        organisations=list(selectors.agreement_partner_choices(user=request.user)),
    )
    return form_submit(
        request,
        form,
        lambda _data: agreement_record(actor=request.user, data=form.to_input()),
        then=reverse("agreement_list"),
        done=_("The agreement is recorded."),
    ) or common.form_page(
        request,
        form=form,
        title=_("Record an information-sharing agreement"),
        intro=_(
            "Record an agreement only once it is signed. Referrals and transfers to the partner "
            "are possible while it is in effect."
        ),
        submit=_("Record the agreement"),
    )


@never_cache
@perm_required_view(Perm.MANAGE_ORG, record=True)
def agreement_end_view(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get_for_user(user=request.user, agreement_id=agreement_id)
    return confirmed_action(
        request,
        form=ConfirmForm(request.POST or None, initial={"version": agreement.version}),
        run=lambda data: agreement_end(
            actor=request.user, agreement=agreement, expected_version=data["version"]
        ),
        done=_("The agreement has ended."),
        then=reverse("agreement_list"),
        title=_("End the agreement with %(org)s") % {"org": agreement.partner.name},
        question=_(
            "End this agreement now? %(org)s will at once lose access to every file referred "
            "under it, and no new referral or transfer will be possible."
        )
        % {"org": agreement.partner.name},
        submit=_("Yes, end the agreement"),
        back=reverse("agreement_list"),
    )
