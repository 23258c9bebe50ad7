"""Reads of legal cases. Lists start from what the user may see; a legal case
of another organisation, or one the user is not on, raises ``NotFound`` (404),
and so does a child id (accused, charge, hearing, stage) outside the legal case
the caller opened.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm, Role
from amparo.cases.models import Case, CaseAssignment
from amparo.core.exceptions import NotFound
from amparo.justice import events
from amparo.justice.models import (
    Accused,
    Charge,
    Court,
    Hearing,
    LegalCase,
    LegalCaseLawyer,
    Offence,
    StageEvent,
)
from amparo.justice.vocab import (
    STAGE_ORDER,
    HearingOutcome,
    LegalCaseStatus,
)

# Who may be put on a legal case: the choice lists and the services' checks use this.
LAWYER_ROLES = (Role.LAWYER, Role.SUPERVISOR)
# Who has a legal caseload (``visible_legal_cases`` is empty without one of these):
# the pages and API operations that list or show legal cases declare them.
CASELOAD_PERMS = (Perm.CASES_ASSIGNED, Perm.CASES_ALL)


def visible_legal_cases(*, user: User) -> QuerySet[LegalCase]:
    """Supervisors and admins: the organisation's. Lawyers and other frontline
    roles: legal cases they are on, or that concern a survivor's case they are
    assigned to. Data analysts: none (indicators only).
    """
    membership = user.active_membership if user.is_authenticated else None
    if membership is None:
        return LegalCase.objects.none()
    legal_cases = LegalCase.objects.filter(organisation_id=membership.organisation_id)
    if sees_every_legal_case(user=user):
        return legal_cases
    if user.has_amparo_perm(Perm.CASES_ASSIGNED):
        on_case = LegalCaseLawyer.objects.filter(
            legal_case=OuterRef("pk"), user=user, ended_at__isnull=True
        )
        assigned_victim = CaseAssignment.objects.filter(
            case__legal_cases=OuterRef("pk"), user=user, ended_at__isnull=True
        )
        return legal_cases.filter(Q(Exists(on_case)) | Q(Exists(assigned_victim)))
    return LegalCase.objects.none()


def sees_every_legal_case(*, user: User) -> bool:
    """Whether ``user``'s role sees every legal case of the organisation (``Perm.CASES_ALL``),
    not only those they are on or whose victims they are assigned to."""
    return user.has_amparo_perm(Perm.CASES_ALL)


def legal_case_get_for_user(*, user: User, legal_case_id: int, log_read: bool = True) -> LegalCase:
    """The legal case if ``user`` may see it (``visible_legal_cases``), else ``NotFound``.

    Unless told not to, the read is audited once per victim's case, so each
    survivor's "who has seen this file" shows it. A write passes
    ``log_read=False``: its own event records the access.
    """
    legal_case = (
        visible_legal_cases(user=user).select_related("court").filter(pk=legal_case_id).first()
    )
    if legal_case is None:
        raise NotFound
    if log_read:
        events.legal_case_viewed(actor=user, legal_case=legal_case)
    return legal_case


def legal_case_is_visible(*, user: User, legal_case: LegalCase) -> bool:
    """Whether ``user`` may open ``legal_case`` (no read is audited: nothing is shown)."""
    return visible_legal_cases(user=user).filter(pk=legal_case.pk).exists()


def legal_case_may_change(*, user: User, legal_case: LegalCase) -> bool:
    """Whether ``user`` may record events on ``legal_case`` now, to decide what to show.

    The same rule the services enforce: the role may change legal cases
    (``Perm.EDIT_CASE``) and the legal case is open.
    """
    return user.has_amparo_perm(Perm.EDIT_CASE) and legal_case.status == LegalCaseStatus.OPEN


def accused_identity_may_reveal(*, user: User) -> bool:
    """Whether ``user``'s role may see an accused's identity (``Perm.REVEAL_IDENTITY``),
    as ``accused_identity_reveal`` checks; the reveal itself still needs a reason."""
    return user.has_amparo_perm(Perm.REVEAL_IDENTITY)


def legal_case_timeline(*, legal_case: LegalCase) -> list[StageEvent]:
    """Current and superseded stage events, oldest first (corrections stay visible)."""
    return list(legal_case.stage_events.select_related("recorded_by").order_by("occurred_on", "id"))


def legal_case_accused(*, legal_case: LegalCase) -> list[Accused]:
    """The accused of a legal case the caller already opened, with their charges.

    Pseudonyms only are meant to be shown: the identity is read through
    ``accused_identity_reveal``, which audits it.
    """
    return list(legal_case.accused.prefetch_related("charges__offence"))


def accused_get(*, legal_case: LegalCase, accused_id: int) -> Accused:
    """An accused of ``legal_case`` (already opened by the caller), else ``NotFound``."""
    accused = legal_case.accused.filter(pk=accused_id).first()
    if accused is None:
        raise NotFound
    return accused


def charge_get(*, legal_case: LegalCase, charge_id: int) -> Charge:
    """A charge against an accused of ``legal_case`` (already opened), else ``NotFound``."""
    charge = (
        Charge.objects.select_related("accused__legal_case", "offence")
        .filter(pk=charge_id, accused__legal_case=legal_case)
        .first()
    )
    if charge is None:
        raise NotFound
    return charge


def hearing_get(*, legal_case: LegalCase, hearing_id: int) -> Hearing:
    """A hearing of ``legal_case`` (already opened by the caller), else ``NotFound``."""
    hearing = legal_case.hearings.select_related("court").filter(pk=hearing_id).first()
    if hearing is None:
        raise NotFound
    return hearing


def legal_cases_for_case(*, user: User, case: Case) -> QuerySet[LegalCase]:
    """The legal cases about a survivor's case, for its file (caller already opened the case)."""
    return visible_legal_cases(user=user).filter(victims=case).select_related("court")


def legal_status_for_case(*, case: Case) -> QuerySet[LegalCase]:
    """Every legal case about ``case``, whichever organisation keeps it, for a reader of
    its legal status only: a partner the survivor consented to share it with
    (``amparo.network``), or the owner of a case transferred in, whose earlier legal
    history stays with the organisation that brought it. Stage dates, court and
    offence; the caller shows no docket number and no accused identity.
    """
    return (
        LegalCase.objects.filter(victims=case)
        .select_related("court", "organisation")
        .order_by("-id")
    )


def legal_status_elsewhere(*, case: Case) -> QuerySet[LegalCase]:
    """Legal cases about ``case`` kept by other organisations (it came by a transfer)."""
    return legal_status_for_case(case=case).exclude(organisation_id=case.organisation_id)


def upcoming_hearings(*, user: User, days: int = 28, mine: bool = True) -> QuerySet[Hearing]:
    """Scheduled hearings from 12 hours ago to ``days`` ahead, soonest first, of the
    legal cases ``user`` may see; with ``mine``, only those they are a lawyer on."""
    now = timezone.now()
    hearings = Hearing.objects.filter(
        legal_case__in=visible_legal_cases(user=user),
        scheduled_for__gte=now - datetime.timedelta(hours=12),
        scheduled_for__lte=now + datetime.timedelta(days=days),
        outcome=HearingOutcome.SCHEDULED,
    )
    if mine:
        hearings = hearings.filter(
            legal_case__lawyers__user=user, legal_case__lawyers__ended_at__isnull=True
        )
    return hearings.select_related("legal_case", "court").order_by("scheduled_for")


def hearings_awaiting_outcome(*, user: User, mine: bool = True) -> QuerySet[Hearing]:
    """Hearings held more than 12 hours ago whose outcome is still "scheduled", oldest
    first, of the open legal cases ``user`` may see (a closed one takes no more
    outcomes); with ``mine``, only those they are a lawyer on. Picks up where
    ``upcoming_hearings`` stops, so none falls between."""
    hearings = Hearing.objects.filter(
        legal_case__in=visible_legal_cases(user=user).filter(status=LegalCaseStatus.OPEN),
        scheduled_for__lt=timezone.now() - datetime.timedelta(hours=12),
        outcome=HearingOutcome.SCHEDULED,
    )
    if mine:
        hearings = hearings.filter(
            legal_case__lawyers__user=user, legal_case__lawyers__ended_at__isnull=True
        )
    return hearings.select_related("legal_case", "court").order_by("scheduled_for")


def courts() -> QuerySet[Court]:
    """Every court: reference data, the same for every organisation."""
    return Court.objects.all()


def offences_for_user(*, user: User) -> QuerySet[Offence]:
    """The offence list of the country of ``user``'s organisation (Guatemala's without one)."""
    membership = user.active_membership
    country = membership.organisation.country if membership else "GT"
    return Offence.objects.filter(country=country)


def legal_caseload(
    *,
    user: User,
    query: str = "",
    status: str = "",
    stage: str = "",
    court_id: int | None = None,
    mine: bool = False,
) -> QuerySet[LegalCase]:
    """The legal cases ``user`` may see, searched and filtered.

    ``query`` matches part of the case code or pseudonym of a victim held by the
    user's own organisation (the title is encrypted, so it cannot be searched;
    another organisation's codes are never matched). ``stage`` is the current
    stage: reached, and no later stage reached. Each legal case carries
    ``coming_hearings``: its scheduled hearings from 12 hours ago on, soonest
    first, with their court, read for a whole page in one more query.
    """
    legal_cases = visible_legal_cases(user=user)
    membership = user.active_membership if user.is_authenticated else None
    if query and membership is not None:
        legal_cases = legal_cases.filter(
            Exists(
                Case.objects.filter(
                    Q(code__icontains=query) | Q(survivor__pseudonym__icontains=query),
                    legal_cases=OuterRef("pk"),
                    organisation_id=membership.organisation_id,
                )
            )
        )
    if status:
        legal_cases = legal_cases.filter(status=status)
    if stage in STAGE_ORDER:
        later = STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :]
        legal_cases = legal_cases.filter(
            **{LegalCase.stage_column(stage) + "__isnull": False},
            **{LegalCase.stage_column(s) + "__isnull": True for s in later},
        )
    if court_id:
        legal_cases = legal_cases.filter(court_id=court_id)
    if mine:
        legal_cases = legal_cases.filter(
            Exists(
                LegalCaseLawyer.objects.filter(
                    legal_case=OuterRef("pk"), user=user, ended_at__isnull=True
                )
            )
        )
    coming = Hearing.objects.filter(
        outcome=HearingOutcome.SCHEDULED,
        scheduled_for__gte=timezone.now() - datetime.timedelta(hours=12),
    ).select_related("court")
    return (
        legal_cases.select_related("court")
        .prefetch_related(
            Prefetch(
                "hearings", queryset=coming.order_by("scheduled_for"), to_attr="coming_hearings"
            )
        )
        .order_by("-complaint_on", "-id")
    )


def legal_case_hearings(*, legal_case: LegalCase) -> list[Hearing]:
    """The hearings of a legal case the caller already opened, oldest first."""
    return list(
        legal_case.hearings.select_related("court", "rescheduled_from").order_by(
            "scheduled_for", "id"
        )
    )


def legal_case_lawyers(*, legal_case: LegalCase) -> list[LegalCaseLawyer]:
    """The lawyers now on a legal case the caller already opened, first assigned first."""
    return list(
        legal_case.lawyers.filter(ended_at__isnull=True)
        .select_related("user")
        .order_by("assigned_at")
    )


@dataclass(frozen=True)
class Victim:
    """A victim of a legal case as its organisation may show it.

    A survivor whose case has since been transferred to another organisation
    is named only by the code the legal case's organisation gave it: the new
    code, the pseudonym and where the case went are no longer its to read.
    """

    code: str
    case_id: int | None = None
    pseudonym: str | None = None

    @property
    def transferred(self) -> bool:
        return self.case_id is None


def legal_case_victims(*, legal_case: LegalCase) -> list[Victim]:
    """The survivors' cases of a legal case the caller already opened: code and pseudonym."""
    own = legal_case.organisation_id
    victims = [
        Victim(code=case.code, case_id=case.pk, pseudonym=case.survivor.pseudonym)
        for case in legal_case.victims.filter(organisation_id=own).select_related("survivor")
    ]
    # One query for every moved victim: the code each had here, from its accepted transfer.
    moved = (
        legal_case.victims.exclude(organisation_id=own)
        .filter(transfers__from_org_id=own, transfers__status="accepted")
        .order_by("pk", "-transfers__requested_at")
        .values_list("pk", "transfers__previous_code")
    )
    codes_here: dict[int, str] = {}
    for pk, code in moved:
        codes_here.setdefault(pk, code)
    victims += [Victim(code=code) for code in codes_here.values()]
    return sorted(victims, key=lambda v: v.code)


def stage_event_get(*, legal_case: LegalCase, event_id: int) -> StageEvent:
    """A stage event (current or superseded) of ``legal_case``, else ``NotFound``."""
    event = legal_case.stage_events.filter(pk=event_id).first()
    if event is None:
        raise NotFound
    return event


def lawyers_of(*, organisation_id: int) -> QuerySet[Membership]:
    """Active lawyers and supervisors of an organisation: the people a legal case of
    that organisation may be given to. The services check choices against this."""
    return Membership.objects.filter(
        organisation_id=organisation_id, is_active=True, role__in=LAWYER_ROLES
    )


def court_departments() -> list[str]:
    """The departments (admin1) that have a court, alphabetically, each once."""
    return list(Court.objects.order_by("admin1").values_list("admin1", flat=True).distinct())
