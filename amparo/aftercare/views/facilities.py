"""Facilities, their occupancy, and placing a survivor in one."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.placements import FacilityForm, PlacementEndForm, PlacementStartForm
from amparo.aftercare.selectors import (
    FACILITY_PERMS,
    facility_get_for_user,
    facility_residents,
    occupancy,
    placement_get,
)
from amparo.aftercare.services.placements import facility_create, placement_end, placement_start
from amparo.aftercare.views.common import case_for, form_page, restoration_url
from amparo.core.views import form_submit


@never_cache
@perm_required_view(*FACILITY_PERMS)
def facility_list(request: HttpRequest) -> HttpResponse:
    return render(request, "aftercare/facilities.html", {"occupancy": occupancy(user=request.user)})


@never_cache
@perm_required_view(Perm.ASSIGN)
def facility_new(request: HttpRequest) -> HttpResponse:
    form = FacilityForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda data: facility_create(actor=request.user, **data),
        then=reverse("facility_list"),
        done=lambda facility: _("%(name)s is added.") % {"name": facility.name},
    ) or form_page(
        request, case=None, form=form, title=_("Add a facility"), submit=_("Add facility")
    )


@never_cache
@perm_required_view(*FACILITY_PERMS, record=True)
def facility_detail(request: HttpRequest, facility_pk: int) -> HttpResponse:
    """A facility and its current residents — only those whose case the user may open."""
    facility = facility_get_for_user(user=request.user, facility_id=facility_pk)
    rows = [o for o in occupancy(user=request.user) if o.facility.pk == facility.pk]
    return render(
        request,
        "aftercare/facility_detail.html",
        {
            "facility": facility,
            "occupancy": rows[0] if rows else None,
            "residents": facility_residents(user=request.user, facility=facility),
        },
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def placement_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = PlacementStartForm(request.POST or None, occupancy=occupancy(user=request.user))
    return form_submit(
        request,
        form,
        lambda data: placement_start(
            actor=request.user,
            case=case,
            facility_id=data["facility"],
            started_on=data["started_on"],
            reason=data["reason"],
        ),
        then=restoration_url(case, "placement"),
        done=_("The placement is recorded."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Place in a facility"),
        submit=_("Place"),
        intro=_("A facility cannot take more residents than it has beds."),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def placement_finish(request: HttpRequest, pk: int, placement_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    placement = placement_get(case=case, placement_id=placement_pk)
    form = PlacementEndForm(request.POST or None, initial={"version": placement.version})
    return form_submit(
        request,
        form,
        lambda data: placement_end(
            actor=request.user,
            placement=placement,
            expected_version=data["version"],
            ended_on=data["ended_on"],
            end_reason=data["end_reason"],
        ),
        then=restoration_url(case, "placement"),
        done=_("The placement has ended."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("End the placement at %(name)s") % {"name": placement.facility.name},
        submit=_("End placement"),
    )
