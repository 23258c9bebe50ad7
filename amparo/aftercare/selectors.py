"""Reads for restoration. Records are reached through a case the user may open
(``amparo.cases.selectors.case_get_for_user``); lists start from visible cases.
A record that is not the user's to see is ``NotFound`` (404).
"""

import datetime
from dataclasses import dataclass
from typing import TypeVar

from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare.instruments import (
    DEFAULT_INSTRUMENT,
    RuleResult,
    closure_rule_check,
    load_instrument,
    read_instrument_file,
)
from amparo.aftercare.models import (
    Assessment,
    CarePlan,
    CounsellingSession,
    Facility,
    FamilyAssessment,
    FollowUp,
    Instrument,
    Placement,
    Reintegration,
    RestorationStatus,
    Service,
    Task,
)
from amparo.cases.models import Case
from amparo.cases.selectors import CASE_PERMS, visible_cases
from amparo.core.exceptions import NotFound

# Who sees the organisation's facilities: a caseload (cases' CASE_PERMS, which the
# pages and API of one's own restoration work declare too), or its aggregates.
FACILITY_PERMS = (*CASE_PERMS, Perm.AGGREGATES)

M = TypeVar("M", bound=models.Model)


def active_instrument(*, organisation_id: int) -> Instrument:
    """The organisation's own active instrument, else the built-in one: always one.

    Reference data, not a survivor's: no access check, no read event.
    """
    candidates = Instrument.objects.filter(
        Q(organisation_id=organisation_id) | Q(organisation__isnull=True), is_active=True
    )
    # Own instruments sort before the built-in one (NULL organisation last).
    instrument = candidates.order_by(
        F("organisation_id").asc(nulls_last=True), "-created_at"
    ).first()
    if instrument is None:
        # The migration loads the built-in instrument; a database emptied since
        # (a restore, a flushed test database) gets it back on first use.
        instrument = load_instrument(data=read_instrument_file(DEFAULT_INSTRUMENT))
    return instrument


def facilities_for_user(*, user: User) -> QuerySet[Facility]:
    """The facilities of the user's organisation, for a member with any of
    ``FACILITY_PERMS``; none for anyone else. Never another organisation's."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not any(user.has_amparo_perm(p) for p in FACILITY_PERMS):
        return Facility.objects.none()
    return Facility.objects.filter(organisation_id=membership.organisation_id)


def facility_get_for_user(*, user: User, facility_id: int) -> Facility:
    """One of ``facilities_for_user``, else ``NotFound``: another organisation's
    facility is never confirmed to exist (where a shelter is, is secret)."""
    return _record_get(facilities_for_user(user=user), facility_id)


@dataclass(frozen=True)
class Occupancy:
    facility: Facility
    occupied: int

    @property
    def free(self) -> int:
        return max(0, self.facility.capacity - self.occupied)

    @property
    def rate(self) -> float:
        return self.occupied / self.facility.capacity if self.facility.capacity else 0.0


def occupancy(*, user: User, on: datetime.date | None = None) -> list[Occupancy]:
    """Beds in use on ``on`` (default today) in each active facility the user may see.

    Counts only: it names no resident, so it needs no case access and logs no read.
    """
    day = on or timezone.localdate()
    active = Q(placements__started_on__lte=day) & (
        Q(placements__ended_on__isnull=True) | Q(placements__ended_on__gte=day)
    )
    facilities = (
        facilities_for_user(user=user)
        .filter(is_active=True)
        .annotate(occupied=Count("placements", filter=active))
    )
    return [Occupancy(facility=f, occupied=f.occupied) for f in facilities]


def facility_residents(*, user: User, facility: Facility) -> QuerySet[Placement]:
    """Current placements in a facility, limited to cases the user may open."""
    return (
        facility.placements.filter(ended_on__isnull=True, case__in=visible_cases(user=user))
        .select_related("case__survivor")
        .order_by("started_on")
    )


@dataclass(frozen=True)
class RestorationFile:
    instrument: Instrument
    placements: list[Placement]
    care_plans: list[CarePlan]
    services: list[Service]
    assessments: list[Assessment]
    family_assessments: list[FamilyAssessment]
    reintegrations: list[Reintegration]
    follow_ups: list[FollowUp]
    next_assessment_due: datetime.date | None
    closure: RuleResult
    trajectory: dict[str, list[tuple[datetime.date, float]]]


def rule_for_case(
    *, case: Case, instrument: Instrument, assessments: list[Assessment]
) -> RuleResult:
    """Whether ``case`` meets ``instrument``'s closure rule, from its ``assessments``
    (those made with another instrument do not count). Reads nothing more."""
    domains = list(instrument.domains.values_list("code", flat=True))
    rows = [
        (a.assessed_on, a.domain_scores) for a in assessments if a.instrument_id == instrument.pk
    ]
    return closure_rule_check(rule=instrument.closure_rule, assessments=rows, domains=domains)


def restoration_file(*, case: Case) -> RestorationFile:
    """The restoration part of a case file the caller has already opened.

    No access check and no read event of its own: the caller reached ``case``
    through ``case_get_for_user``, which checks the user and logs the read.
    """
    instrument = active_instrument(organisation_id=case.organisation_id)
    # The case's own records: what a partner assessed or planned under a referral
    # is read under that referral (``amparo.network.selectors_partner``).
    assessments = list(
        case.assessments.filter(partner_organisation__isnull=True)
        .select_related("assessed_by")
        .order_by("assessed_on", "id")
    )
    status = RestorationStatus.objects.filter(case=case).first()
    trajectory: dict[str, list[tuple[datetime.date, float]]] = {}
    for assessment in assessments:
        for domain, score in assessment.domain_scores.items():
            trajectory.setdefault(domain, []).append((assessment.assessed_on, score))
    return RestorationFile(
        instrument=instrument,
        placements=list(case.placements.select_related("facility")),
        care_plans=list(
            case.care_plans.filter(partner_organisation__isnull=True)
            .prefetch_related("goals")
            .select_related("approved_by")
        ),
        services=list(case.services.select_related("provider")),
        assessments=assessments,
        family_assessments=list(case.family_assessments.select_related("approved_by")),
        reintegrations=list(case.reintegrations.all()),
        follow_ups=list(case.follow_ups.select_related("visited_by")),
        next_assessment_due=status.next_due_on if status else case.opened_on,
        closure=rule_for_case(case=case, instrument=instrument, assessments=assessments),
        trajectory=trajectory,
    )


def instruments_for_user(*, user: User) -> QuerySet[Instrument]:
    """The built-in instruments and the user's organisation's own, newest first."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None:
        return Instrument.objects.none()
    return Instrument.objects.filter(
        Q(organisation_id=membership.organisation_id) | Q(organisation__isnull=True)
    ).order_by(F("organisation_id").asc(nulls_last=True), "-created_at")


def counselling_sessions_for_case(*, case: Case) -> QuerySet[CounsellingSession]:
    """The counselling notes of a case the caller has already opened (and logged)."""
    return case.counselling_sessions.select_related("counsellor")


def tasks_for_user(*, user: User) -> QuerySet[Task]:
    """The user's open tasks, only on cases they may open now.

    Every list of tasks (My work, the task API, digests) and every action on
    one starts here: a task left assigned to someone who lost the case (a
    transfer, an unassignment, a withdrawn consent) is neither shown nor
    actionable, whoever its row still names.
    """
    return (
        Task.objects.filter(
            assigned_to=user, done_at__isnull=True, case__in=visible_cases(user=user)
        )
        .select_related("case__survivor")
        .order_by("due_on", "id")
    )


def task_get_for_user(*, user: User, task_id: int) -> Task:
    """One of ``tasks_for_user`` (open, the user's, on a case they may open now),
    else ``NotFound``."""
    return _record_get(tasks_for_user(user=user), task_id)


def _record_get(queryset: QuerySet[M], pk: int) -> M:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise NotFound
    return obj


# A record of a case the caller has already opened (``case_get_for_user``):
# another case's record, even the user's, is ``NotFound`` under this one.


def placement_get(*, case: Case, placement_id: int) -> Placement:
    """A placement of ``case``, else ``NotFound``."""
    return _record_get(case.placements.all(), placement_id)


def care_plan_get(*, case: Case, plan_id: int) -> CarePlan:
    """A care plan version of ``case``, else ``NotFound``; a partner's plan under a
    referral is not the case's to submit, approve or review."""
    return _record_get(case.care_plans.filter(partner_organisation__isnull=True), plan_id)


def family_assessment_get(*, case: Case, assessment_id: int) -> FamilyAssessment:
    """A family assessment of ``case``, else ``NotFound``."""
    return _record_get(case.family_assessments.all(), assessment_id)


def reintegration_get(*, case: Case, reintegration_id: int) -> Reintegration:
    """A reintegration of ``case``, else ``NotFound``."""
    return _record_get(case.reintegrations.all(), reintegration_id)


def follow_up_get(*, case: Case, follow_up_id: int) -> FollowUp:
    """A follow-up visit of ``case``, else ``NotFound``."""
    return _record_get(case.follow_ups.all(), follow_up_id)


# My work and the team's work live in a module of their own (size); kept importable here.
from amparo.aftercare.selectors_work import (  # noqa: E402
    RESTORATION_ORG_KINDS,
    MyWork,
    my_work,
)

__all__ = ["RESTORATION_ORG_KINDS", "MyWork", "my_work"]
