"""Facilities and placing a survivor in one, within its capacity."""

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import events, vocab
from amparo.aftercare.models import Facility, Placement
from amparo.aftercare.services.common import (
    lock_case,
    past_case_date,
)
from amparo.cases.models import Case
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors


@transaction.atomic
def facility_create(*, actor: User, name: str, kind: str, admin1: str, capacity: int) -> Facility:
    """Add a facility to the actor's organisation.

    Needs ASSIGN (``Denied``). A name, a known kind, 1–1000 beds. Audited.
    """
    membership = perm_required(actor, Perm.ASSIGN)
    errors = Errors()
    if not name.strip():
        errors.add("name", _("Give the facility a name."))
    errors.choice("kind", kind, vocab.FacilityKind)
    if not 1 <= capacity <= 1000:
        errors.add("capacity", _("Give the number of beds (1–1000)."))
    errors.raise_if_any()
    facility = Facility.objects.create(
        organisation=membership.organisation,
        name=name.strip(),
        kind=kind,
        admin1=admin1.strip(),
        capacity=capacity,
    )
    events.facility_created(actor=actor, facility=facility)
    return facility


def _overlapping(
    qs: QuerySet[Placement], start: datetime.date, end: datetime.date | None
) -> QuerySet[Placement]:
    qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    return qs if end is None else qs.filter(started_on__lte=end)


def occupancy_peak(facility: Facility, start: datetime.date, end: datetime.date | None) -> int:
    """The most beds in use on any day of [start, end] (end open = today onwards)."""
    placements = list(
        _overlapping(facility.placements.all(), start, end).values_list("started_on", "ended_on")
    )
    days = {start} | {s for s, _e in placements if s > start}
    return max(
        (sum(1 for s, e in placements if s <= day and (e is None or e >= day)) for day in days),
        default=0,
    )


@transaction.atomic
def placement_start(
    *,
    actor: User,
    case: Case,
    facility_id: int,
    started_on: datetime.date,
    reason: str,
    facility_organisation_id: int | None = None,
) -> Placement:
    """Place the survivor in one of the organisation's facilities, within its capacity.

    The facility is the case's organisation's, unless ``facility_organisation_id``
    names another: only the network's ``partner_placement_start`` does, for a
    partner placing a survivor it was referred in its own shelter, once it has
    checked the referral.

    Needs EDIT_CASE (``Denied``). The case is locked first, then the facility:
    two placements of one survivor sent at once (even in two facilities) give
    one placement and one refusal, and a full facility takes no one more. A
    closed case is refused; the survivor has no other placement from that day
    (a database constraint too); the start is in the past, not before the
    case was opened. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    lock_case(case)
    errors = Errors()
    facility = (
        Facility.objects.select_for_update()
        .filter(
            pk=facility_id,
            organisation_id=facility_organisation_id or case.organisation_id,
            is_active=True,
        )
        .first()
    )
    if facility is None:
        errors.add("facility", _("Choose one of your organisation's facilities."))
    errors.choice("reason", reason, vocab.PlacementReason)
    past_case_date(errors, "started_on", started_on, case)
    if _overlapping(Placement.objects.filter(case=case), started_on, None).exists():
        errors.add(
            "started_on", _("The survivor already has a placement on this date; end it first.")
        )
    if facility is not None and occupancy_peak(facility, started_on, None) >= facility.capacity:
        errors.add(
            "facility",
            _("%(name)s is full (%(n)s beds) on that date.")
            % {"name": facility.name, "n": facility.capacity},
        )
    errors.raise_if_any()
    assert facility is not None  # refused above when it is not one of the organisation's
    with duplicate_refused(
        constraint="uniq_open_placement",
        field="started_on",
        message=_("The survivor already has a placement on this date; end it first."),
    ):
        placement = Placement.objects.create(
            case=case, facility=facility, started_on=started_on, reason=reason, created_by=actor
        )
    events.placement_started(actor=actor, placement=placement)
    return placement


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    expected_version: int,
    ended_on: datetime.date,
    end_reason: str,
) -> Placement:
    """End a placement, from the version the actor last read.

    Needs EDIT_CASE (``Denied``). Under the placement's lock; a stale version
    is refused (``StaleVersionError``), as is a placement already ended or an
    end before its start or in the future. Audited with the fields changed.
    """
    perm_required(actor, Perm.EDIT_CASE)
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    errors = Errors()
    errors.choice("end_reason", end_reason, vocab.PlacementEndReason)
    if errors.past_date("ended_on", ended_on) and ended_on < locked.started_on:
        errors.add("ended_on", _("A placement cannot end before it started."))
    if locked.ended_on is not None:
        errors.add("ended_on", _("This placement has already ended."))
    errors.raise_if_any()
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={"ended_on": ended_on, "end_reason": end_reason},
    )
    events.placement_ended(actor=actor, placement=locked, changed_fields=changed)
    return locked
