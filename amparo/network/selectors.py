"""Reads of the partner network: each starts from what the user may see.

``*_get_for_user`` selectors return a record the user may open or raise
``NotFound``; the predicates they decide with are in ``amparo.network.access``.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from amparo.accounts.access import membership_required, perm_required
from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.roles import ROLE_PERMS, Perm
from amparo.aftercare.models import Assessment, CarePlan, Service
from amparo.cases.models import Case, CaseNote, Incident
from amparo.cases.selectors import visible_cases
from amparo.core.exceptions import NotFound
from amparo.justice.selectors import legal_status_for_case
from amparo.network import access, events, vocab
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.people.models import SurvivorIdentity
from amparo.people.vocab import Section


def _base(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    return qs.select_related(
        "case__survivor", "from_org", "to_org", "sent_by", "assigned_to", "transfer"
    )


def received_pseudonym(referral: Referral) -> str:
    """The pseudonym the receiving side reads: for access a former owner kept after
    a transfer, the one it stood under then (the new owner may rename the survivor);
    otherwise the survivor's current one. No query when ``transfer`` is loaded.
    """
    transfer = referral.transfer if referral.transfer_id else None
    if transfer is not None and transfer.previous_pseudonym:
        return transfer.previous_pseudonym
    return referral.case.survivor.pseudonym


def referral_list(
    *, user: User, box: str = "received", status: str = "", urgency: str = ""
) -> QuerySet[Referral]:
    """The user's received or sent referrals, newest first: only those they may open
    (none for a role that does not work referrals)."""
    referrals = access.visible_referrals(user=user, box="sent" if box == "sent" else "received")
    if status:
        referrals = referrals.filter(status=status)
    if urgency:
        referrals = referrals.filter(urgency=urgency)
    return _base(referrals).order_by("-sent_at", "-id")


def referral_answered_elsewhere(*, user: User, referral_id: int) -> bool:
    """A referral to the user's organisation that a colleague answered and took on, so
    the user may no longer open it. Everyone who works referrals saw it while it was
    pending, so saying that it was answered tells them nothing new.
    """
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not user.has_amparo_perm(Perm.REFERRALS):
        return False
    return (
        Referral.objects.filter(pk=referral_id, to_org_id=membership.organisation_id)
        .exclude(status=vocab.ReferralStatus.PENDING)
        .exclude(pk__in=access.visible_referrals(user=user).values("pk"))
        .exists()
    )


def pending_received_count(*, user: User) -> int:
    """How many referrals wait for an answer in the user's inbox (what it would list)."""
    return (
        access.visible_referrals(user=user, box="received")
        .filter(status=vocab.ReferralStatus.PENDING)
        .count()
    )


def referral_get_for_user(*, user: User, referral_id: int, log_read: bool = True) -> Referral:
    """A referral the user may open, from either side; else ``NotFound``.

    A referral describes the survivor of the referred case to either side, so
    the read is logged against that case unless told not to (a write logs itself).
    """
    referral = _base(access.visible_referrals(user=user)).filter(pk=referral_id).first()
    if referral is None:
        raise NotFound
    if log_read:
        events.referral_opened(actor=user, referral=referral)
    return referral


def received_referral_get_for_user(
    *, user: User, referral_id: int, log_read: bool = True
) -> Referral:
    """A referral the user works for the receiving side; else ``NotFound``, the sender
    included (their pages about it are elsewhere). The read is logged as
    ``referral_get_for_user`` says, and only once the referral is found to be theirs."""
    referral = referral_get_for_user(user=user, referral_id=referral_id, log_read=False)
    if not access.is_receiver(user, referral):
        raise NotFound
    if log_read:
        events.referral_opened(actor=user, referral=referral)
    return referral


def sent_referral_get_for_user(*, user: User, referral_id: int, log_read: bool = True) -> Referral:
    """A referral the user's organisation sent from a case they may open; else
    ``NotFound``, the receiver included. The read is logged as
    ``referral_get_for_user`` says, and only once the referral is found to be theirs."""
    referral = referral_get_for_user(user=user, referral_id=referral_id, log_read=False)
    if not access.is_sender(user, referral):
        raise NotFound
    if log_read:
        events.referral_opened(actor=user, referral=referral)
    return referral


def referral_sides(*, user: User, referral: Referral) -> tuple[bool, bool]:
    """Whether the user stands on the sending and on the receiving side of a referral
    they opened: what its page shows them."""
    return access.is_sender(user, referral), access.is_receiver(user, referral)


def referral_is_live(*, referral: Referral) -> bool:
    """Whether the receiver's access to the referred file holds now."""
    return access.live_referrals().filter(pk=referral.pk).exists()


def live_referral_ids(referral_ids: Iterable[int]) -> set[int]:
    """Which of these referrals' access holds now, in one query (a page of an inbox)."""
    return access.live_referral_ids(referral_ids)


def consented_sections_by_partner(
    *, case: Case, partners: Iterable[Organisation]
) -> dict[int, frozenset[str]]:
    """For each partner, the sections the survivor's current consents let ``case`` (already
    opened by the caller) share with it: what a referral may offer, in one query."""
    return access.consented_sections_by_org(
        survivor_id=case.survivor_id, organisation_ids=[org.pk for org in partners]
    )


def referrals_for_case(*, case: Case) -> QuerySet[Referral]:
    """Referrals sent from a case the caller already opened (its file lists them)."""
    return (
        Referral.objects.filter(case=case, from_org_id=case.organisation_id)
        .select_related("to_org", "sent_by")
        .order_by("-sent_at", "-id")
    )


def transfers_for_case(*, case: Case) -> QuerySet[Transfer]:
    """Transfers of a case the caller already opened (its file lists them)."""
    return Transfer.objects.filter(case=case).select_related("from_org", "to_org")


@dataclass
class SharedFile:
    """What the receiver of a referral may read now: always the profile, then the sections."""

    referral: Referral
    sections: frozenset[str]
    live: bool = False
    # Access a former owner kept after a transfer shows the file as it stood then.
    held_until: datetime.datetime | None = None
    pseudonym: str = ""  # as it stood at the transfer, for access kept after one
    identity_changed: bool = False
    incidents_changed: int = 0  # held incidents edited since, and so not shown
    identity: SurvivorIdentity | None = None
    narrative: str = ""
    incidents: list[Incident] = field(default_factory=list)
    legal_cases: list[object] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    care_plans: list[CarePlan] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)


def shared_file_get(*, user: User, referral: Referral) -> SharedFile:
    """The shared parts of the referred file, read by its receiver; every read is audited.

    Sections are those the referral names and a current consent covers, and
    only while the referral is live: the check runs on every read. Once access
    has ended nothing of the file is loaded, not even the services on it.
    Receiver only (``NotFound`` otherwise).
    """
    if not access.is_receiver(user, referral):
        raise NotFound
    sections = access.shared_sections(referral)
    live = bool(sections) or access.live_referrals().filter(pk=referral.pk).exists()
    # A former owner keeps what it already held, not what the new owner adds.
    held_until = referral.responded_at if referral.transfer_id else None
    shared = SharedFile(
        referral=referral,
        sections=sections,
        live=live,
        held_until=held_until,
        pseudonym=received_pseudonym(referral),
    )
    case = referral.case

    def held(qs: QuerySet) -> QuerySet:
        return qs if held_until is None else qs.filter(created_at__lte=held_until)

    S = Section
    identities = SurvivorIdentity.objects.filter(survivor_id=case.survivor_id)
    # An identity changed since the transfer (a new address, say) is not what was held.
    shared.identity_changed = bool(
        held_until
        and sections & {S.IDENTITY, S.INCIDENTS}
        and identities.filter(updated_at__gt=held_until).exists()
    )
    if S.IDENTITY in sections and not shared.identity_changed:
        shared.identity = identities.first()
    if S.INCIDENTS in sections:
        incidents = list(held(case.incidents.order_by("-occurred_on", "-id")))
        # An incident edited since the transfer no longer reads as it was held.
        shared.incidents = [i for i in incidents if not held_until or i.updated_at <= held_until]
        shared.incidents_changed = len(incidents) - len(shared.incidents)
        # The intake narrative is part of the summary: it spares a second interview.
        # Only the text is handed over, so no other identity field can be reached.
        if not shared.identity_changed:
            shared.narrative = identities.values_list("narrative", flat=True).first() or ""
    if S.LEGAL in sections:
        shared.legal_cases = list(legal_status_for_case(case=case))
    # The case's own assessments and plans: a partner's are read under its own referral.
    if S.ASSESSMENTS in sections:
        own = case.assessments.filter(partner_organisation__isnull=True)
        shared.assessments = list(
            held(own.select_related("instrument").order_by("-assessed_on", "-id"))
        )
    if S.CARE_PLAN in sections:
        plans = case.care_plans.filter(partner_organisation__isnull=True)
        shared.care_plans = list(held(plans.prefetch_related("goals").order_by("-id"))[:3])
    # While live a partner always sees the services on the case: its own and the others'.
    if live:
        shared.services = list(
            held(case.services.select_related("provider").order_by("-started_on"))
        )
    if S.NOTES in sections:
        shared.notes = list(held(case.notes.select_related("author").order_by("-created_at"))[:50])
    if referral.status != vocab.ReferralStatus.PENDING:
        events.referral_viewed(actor=user, referral=referral, sections=sections)
    return shared


def agreement_list(*, user: User) -> QuerySet[PartnerAgreement]:
    """The organisation's agreements, current and past; for anyone who refers or manages them."""
    membership = membership_required(user)
    if not (user.has_amparo_perm(Perm.MANAGE_ORG) or user.has_amparo_perm(Perm.REFERRALS)):
        return PartnerAgreement.objects.none()
    return PartnerAgreement.objects.filter(
        organisation_id=membership.organisation_id
    ).select_related("partner")


def agreement_get_for_user(*, user: User, agreement_id: int) -> PartnerAgreement:
    """One of the organisation's agreements, for those ``agreement_list`` serves; else
    ``NotFound``."""
    agreement = agreement_list(user=user).filter(pk=agreement_id).first()
    if agreement is None:
        raise NotFound
    return agreement


def referral_partners(*, user: User) -> QuerySet[Organisation]:
    """Organisations the user's organisation may refer to now: those under a current agreement."""
    membership = perm_required(user, Perm.REFERRALS)
    partner_ids = (
        PartnerAgreement.objects.current()
        .filter(organisation_id=membership.organisation_id)
        .values("partner_id")
    )
    return Organisation.objects.filter(pk__in=partner_ids, is_active=True).order_by("name")


def visible_transfers(*, user: User) -> QuerySet[Transfer]:
    """Transfers a supervisor of either side may open."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not user.has_amparo_perm(Perm.CASES_ALL):
        return Transfer.objects.none()
    org = membership.organisation_id
    return Transfer.objects.filter(Q(from_org_id=org) | Q(to_org_id=org)).select_related(
        "case__survivor", "from_org", "to_org", "requested_by"
    )


def transfer_get_for_user(*, user: User, transfer_id: int, log_read: bool = True) -> Transfer:
    """A transfer a supervisor of either side may open, else ``NotFound``.

    It shows the case and the survivor's pseudonym, so the read is logged
    against the case unless told not to (a write logs itself).
    """
    transfer = visible_transfers(user=user).filter(pk=transfer_id).first()
    if transfer is None:
        raise NotFound
    if log_read:
        events.transfer_opened(actor=user, transfer=transfer)
    return transfer


def transfer_get_to_decide(
    *, user: User, transfer_id: int, receiving: bool, log_read: bool = True
) -> Transfer:
    """A transfer the user decides for the named side (answers it when ``receiving``,
    may cancel it otherwise); else ``NotFound``. The read is logged as
    ``transfer_get_for_user`` says, once the transfer is found to be theirs."""
    transfer = transfer_get_for_user(user=user, transfer_id=transfer_id, log_read=False)
    if not access.may_decide_transfer(user, transfer, receiving=receiving):
        raise NotFound
    if log_read:
        events.transfer_opened(actor=user, transfer=transfer)
    return transfer


def transfer_sides(*, user: User, transfer: Transfer) -> dict[str, bool]:
    """What a transfer the user opened shows them: which side they stand on, whether
    they decide it for that side, and whether their organisation owns the case now."""
    organisation_id = membership_required(user).organisation_id
    receiving = organisation_id == transfer.to_org_id
    return {
        "receiving": receiving,
        "sending": not receiving,
        "may_decide": access.may_decide_transfer(user, transfer, receiving=receiving),
        "owns_case": transfer.case.organisation_id == organisation_id,
    }


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's own notifications about referrals, transfers and cases they may open
    now, and their daily notices of overdue work, unread first, then newest first.

    Like every list of work it follows access: one about a referral or a case
    that has since moved, or was unassigned from the user, is no longer listed
    (nor counted as unread). Checked row by row on the primary key, so the cost
    follows the user's notifications, not the organisation's referrals.
    """
    if not user.is_authenticated:
        return Notification.objects.none()
    may_open = (
        Exists(access.visible_referrals(user=user).filter(pk=OuterRef("referral_id")))
        | Exists(visible_transfers(user=user).filter(pk=OuterRef("transfer_id")))
        | Exists(visible_cases(user=user).filter(pk=OuterRef("case_id")))
        | Q(kind=vocab.NotificationKind.WORK_OVERDUE)
    )
    return (
        Notification.objects.filter(may_open, user=user)
        .select_related("referral", "transfer", "case", "task")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    )


def unread_notification_count(*, user: User) -> int:
    """How many of the user's notifications (as ``notifications_for_user`` lists them) are unread."""
    return notifications_for_user(user=user).filter(read_at__isnull=True).count()


def agreement_partner_choices(*, user: User) -> QuerySet[Organisation]:
    """Active organisations an admin may record an agreement with: every other one."""
    membership = perm_required(user, Perm.MANAGE_ORG)
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(pk=membership.organisation_id)
        .order_by("name")
    )


def members_with(organisation_id: int, *perms: Perm) -> list[User]:
    """Active members of the organisation whose role holds every one of ``perms``."""
    roles = [role for role, held in ROLE_PERMS.items() if set(perms) <= held]
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id, is_active=True, role__in=roles
        ).select_related("user")
    ]


def referral_colleagues(*, user: User) -> list[User]:
    """Active members of the user's organisation who work referrals (to assign one to);
    ``Denied`` for a role that does not work referrals."""
    membership = perm_required(user, Perm.REFERRALS)
    return sorted(members_with(membership.organisation_id, Perm.REFERRALS), key=str)
