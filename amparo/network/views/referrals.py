"""Referral pages: the inbox, sending from a case, and the referral itself.

Every write goes through ``amparo.network.services.referrals``; who may see
what, through the selectors (which raise ``NotFound``); each page declares
the permission it needs and restates no rule.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.vocab import ServiceType
from amparo.cases.forms.casefile import ConfirmForm
from amparo.cases.selectors import case_get_for_user
from amparo.core.pagination import CappedPaginator
from amparo.core.views import confirmed_action, form_page, form_status, form_submit
from amparo.network import selectors, selectors_partner, vocab
from amparo.network.forms import (
    AcceptForm,
    DeclineForm,
    InboxFilterForm,
    PartnerServiceForm,
    ReferralForm,
    RevokeForm,
    labels,
)
from amparo.network.models import Referral
from amparo.network.services import referrals as services
from amparo.network.services.referrals.placements import HOUSING_SERVICES
from amparo.network.views import common
from amparo.network.views.common import PAGE_SIZE
from amparo.network.views.partner_records import partner_records_context
from amparo.people.age import survivor_age_band_label
from amparo.people.vocab import Language, Section


def _age_band(referral: Referral) -> str:
    return survivor_age_band_label(referral.case.survivor, today=timezone.localdate())


def _summary(referral: Referral) -> dict[str, object]:
    """What anyone who may open the referral reads about it: never the survivor's identity."""
    return {
        "referral": referral,
        "services": labels(referral.services, ServiceType),
        "sections": labels(referral.sections, Section),
        "age_band": _age_band(referral),
    }


@never_cache
@perm_required_view(Perm.REFERRALS)
def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    box = filters.get("box") or "received"
    referrals = selectors.referral_list(
        user=request.user,
        box=box,
        status=filters.get("status", ""),
        urgency=filters.get("urgency", ""),
    )
    page = CappedPaginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    # A received referral names its survivor only while its access holds (one query a page).
    live = selectors.live_referral_ids(r.pk for r in page.object_list)
    context = {
        "form": form,
        "box": box,
        "page": page,
        "rows": [
            {**_summary(r), "live": r.pk in live, "pseudonym": selectors.received_pseudonym(r)}
            for r in page.object_list
        ],
        "filtered": bool(filters.get("status") or filters.get("urgency")),
        "query": urlencode(
            {
                "box": box,
                "status": filters.get("status", ""),
                "urgency": filters.get("urgency", ""),
            }
        )
        + "&",
    }
    return render(request, "network/inbox.html", context)


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = case_get_for_user(
        user=user, case_id=pk, log_read=request.method != "POST", for_update=True
    )
    partners = list(selectors.referral_partners(user=user))
    form = ReferralForm(request.POST or None, partners=partners)
    sent = common.checked_and_confirmed(
        request,
        case=case,
        form=form,
        check=lambda: services.referral_check(actor=user, case=case, data=form.to_input()),
        run=lambda _data: services.referral_send(actor=user, case=case, data=form.to_input()),
        then=reverse("case_file", args=[case.pk]),
        done=lambda referral: _("Referral %(ref)s sent to %(org)s.")
        % {"ref": referral.reference, "org": referral.to_org.name},
        title=_("Send the referral"),
        question=_(
            "Send this referral? Once the partner accepts, it can read the parts of "
            "the file below for as long as the survivor's consent and the agreement "
            "last. You can revoke the referral at any time."
        ),
        submit=_("Yes, send the referral"),
        summary=form.summary,
    )
    if sent:
        return sent
    covered = selectors.consented_sections_by_partner(case=case, partners=partners)
    coverage = [(org, labels(sorted(covered[org.pk]), Section)) for org in partners]
    return form_page(
        request, template="network/referral_send.html", form=form, case=case, coverage=coverage
    )


def _detail_page(
    request: HttpRequest,
    referral: Referral,
    *,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_sender, is_receiver = selectors.referral_sides(user=user, referral=referral)
    context: dict[str, object] = {
        **_summary(referral),
        "is_sender": is_sender,
        "is_receiver": is_receiver,
        "is_open": referral.status in vocab.OPEN_REFERRAL_STATUSES,
    }
    if is_receiver:
        if referral.status == vocab.ReferralStatus.PENDING:
            initial = {"version": referral.version}
            context["accept_form"] = accept_form or AcceptForm(
                initial=initial, colleagues=selectors.referral_colleagues(user=user)
            )
            context["decline_form"] = decline_form or DeclineForm(initial=initial)
        elif selectors.referral_is_live(referral=referral):
            shared = selectors.shared_file_get(user=user, referral=referral)
            survivor = referral.case.survivor
            placements = list(selectors_partner.partner_placements_for_referral(referral=referral))
            context.update(
                shared=shared,
                survivor=survivor,
                languages=", ".join(labels(survivor.languages, Language)),
                shared_sections=labels(sorted(shared.sections), Section),
                partner_placements=placements,
                may_place=bool(HOUSING_SERVICES & set(referral.services))
                and not any(p.ended_on is None for p in placements),
                **partner_records_context(referral=referral, receiver=True),
            )
        else:
            context["access_ended"] = True
    if is_sender:
        context["partner_services"] = list(
            selectors_partner.partner_services_for_referral(referral=referral)
        )
        context["partner_placements"] = list(
            selectors_partner.partner_placements_for_referral(referral=referral)
        )
        context.update(partner_records_context(referral=referral, receiver=False))
    return render(request, "network/referral_detail.html", context, status=status)


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
    return _detail_page(request, referral)


def _received(request: HttpRequest, referral_id: int) -> Referral:
    # A form page's GET is a read; the POST's write logs itself.
    return selectors.received_referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=request.method != "POST"
    )


def _answered_by_a_colleague(request: HttpRequest, referral_id: int) -> HttpResponse | None:
    # Lost the race to a colleague, who now works it: say so instead of "not found".
    if selectors.referral_answered_elsewhere(user=request.user, referral_id=referral_id):
        messages.info(request, _("A colleague answered this referral first."))
        return redirect("referral_inbox")
    return None


def _detail_url(referral: Referral) -> str:
    return reverse("referral_detail", args=[referral.pk])


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
@require_POST
def referral_accept_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    if answered := _answered_by_a_colleague(request, referral_id):
        return answered
    referral = _received(request, referral_id)
    form = AcceptForm(request.POST, colleagues=selectors.referral_colleagues(user=request.user))
    return form_submit(
        request,
        form,
        lambda data: services.referral_accept(
            actor=request.user,
            referral=referral,
            expected_version=data["version"],
            assigned_to_id=data["assigned_to"],
        ),
        then=_detail_url(referral),
        done=_("The referral is accepted."),
    ) or _answer_refused(request, referral, form, accept_form=form)


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
@require_POST
def referral_decline_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    if answered := _answered_by_a_colleague(request, referral_id):
        return answered
    referral = _received(request, referral_id)
    form = DeclineForm(request.POST)
    return form_submit(
        request,
        form,
        lambda data: services.referral_decline(
            actor=request.user,
            referral=referral,
            expected_version=data["version"],
            reason=data["reason"],
            note=data["note"],
        ),
        then=_detail_url(referral),
        done=_("The referral is declined."),
    ) or _answer_refused(request, referral, form, decline_form=form)


def _answer_refused(
    request: HttpRequest,
    referral: Referral,
    form: forms.Form,
    *,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
) -> HttpResponse:
    # Answered by a colleague meanwhile: the page no longer shows the answer forms,
    # so the reason (a conflict, say) is said at the top instead of being lost.
    if referral.status != vocab.ReferralStatus.PENDING:
        for error in form.non_field_errors():
            messages.error(request, error)
    return _detail_page(
        request,
        referral,
        accept_form=accept_form,
        decline_form=decline_form,
        status=form_status(form),
    )


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_revoke_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.sent_referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=request.method != "POST"
    )
    back = _detail_url(referral)
    return confirmed_action(
        request,
        form=RevokeForm(request.POST or None, initial={"version": referral.version}),
        run=lambda data: services.referral_revoke(
            actor=request.user,
            referral=referral,
            expected_version=data["version"],
            note=data["note"],
        ),
        done=_("The referral is revoked; the partner's access has ended."),
        then=back,
        title=_("Revoke referral %(ref)s") % {"ref": referral.reference},
        question=_(
            "Revoke this referral? %(org)s will no longer see any part of the file. "
            "Services it already recorded stay on the case."
        )
        % {"org": referral.to_org.name},
        submit=_("Yes, revoke the referral"),
        back=back,
    )


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_complete_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _received(request, referral_id)
    back = _detail_url(referral)
    return confirmed_action(
        request,
        form=ConfirmForm(request.POST or None, initial={"version": referral.version}),
        run=lambda data: services.referral_complete(
            actor=request.user, referral=referral, expected_version=data["version"]
        ),
        done=_("The referral is completed."),
        then=back,
        title=_("Complete referral %(ref)s") % {"ref": referral.reference},
        question=_(
            "Mark the referral completed? Your organisation will no longer see the shared file."
        ),
        submit=_("Yes, mark it completed"),
        back=back,
    )


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def partner_service_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _received(request, referral_id)
    form = PartnerServiceForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda _data: services.partner_service_record(
            actor=request.user, referral=referral, data=form.to_input()
        ),
        then=_detail_url(referral),
        done=_("The service is recorded."),
    ) or common.form_page(
        request,
        form=form,
        title=_("Record a service for %(ref)s") % {"ref": referral.reference},
        intro=_("The referring organisation sees the services you record."),
        submit=_("Record the service"),
    )
