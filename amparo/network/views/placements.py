"""The receiver places a referred survivor in its own shelter, and ends the placement."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.placements import PlacementEndForm, PlacementStartForm
from amparo.aftercare.selectors import occupancy
from amparo.core.exceptions import NotFound
from amparo.core.views import form_submit
from amparo.network import selectors, selectors_partner
from amparo.network.models import Referral
from amparo.network.services import referrals as services
from amparo.network.views import common


def _received(request: HttpRequest, referral_id: int) -> Referral:
    # A form page's GET is a read; the POST's write logs itself.
    return selectors.received_referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=request.method != "POST"
    )


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_placement_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _received(request, referral_id)
    form = PlacementStartForm(request.POST or None, occupancy=occupancy(user=request.user))
    return form_submit(
        request,
        form,
        lambda data: services.partner_placement_start(
            actor=request.user,
            referral=referral,
            facility_id=data["facility"],
            started_on=data["started_on"],
            reason=data["reason"],
        ),
        then=reverse("referral_detail", args=[referral.pk]),
        done=_("The survivor is placed. The referring organisation sees the placement."),
    ) or common.form_page(
        request,
        form=form,
        title=_("Place in your shelter: %(ref)s") % {"ref": referral.reference},
        intro=_("The case stays with the referring organisation, which sees this placement."),
        submit=_("Place the survivor"),
    )


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_placement_end(request: HttpRequest, referral_id: int, pk: int) -> HttpResponse:
    referral = _received(request, referral_id)
    placement = (
        selectors_partner.partner_placements_for_referral(referral=referral).filter(pk=pk).first()
    )
    if placement is None:
        raise NotFound
    form = PlacementEndForm(request.POST or None, initial={"version": placement.version})
    return form_submit(
        request,
        form,
        lambda data: services.partner_placement_end(
            actor=request.user,
            referral=referral,
            placement_id=placement.pk,
            expected_version=data["version"],
            ended_on=data["ended_on"],
            end_reason=data["end_reason"],
        ),
        then=reverse("referral_detail", args=[referral.pk]),
        done=_("The placement has ended."),
    ) or common.form_page(
        request,
        form=form,
        title=_("End the placement in %(name)s") % {"name": placement.facility.name},
        submit=_("End the placement"),
    )
