"""Who may see what across organisations: the small predicates the selectors and
services decide with.

A receiver's access to a referred case is worked out on every read, never
stored: the referral must be accepted, the case still owned by the sender, the
agreement between them current (unless the access was kept after a transfer),
and the survivor's consent to share with the receiver current. The sections
seen are those the referral names *and* a current consent covers. So a
withdrawal, an expiry, a revocation or an agreement ending takes effect at
the next read, without anything having to run.

Pages and the API never ask these directly: selectors return only what the
user may see (or raise ``NotFound``) and services refuse with ``Denied``,
both through the helpers here.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm
from amparo.cases.selectors import visible_cases
from amparo.core.exceptions import Denied
from amparo.network import vocab
from amparo.network.models import PartnerAgreement, Referral, Transfer
from amparo.people.models import ConsentGrant
from amparo.people.vocab import ConsentScope


def share_consents(*, survivor_id: int, organisation_id: int) -> QuerySet[ConsentGrant]:
    """The survivor's current consents to share with ``organisation_id``."""
    return ConsentGrant.objects.current().filter(
        survivor_id=survivor_id, scope=ConsentScope.SHARE_WITH_ORG, recipient_id=organisation_id
    )


def consented_sections(*, survivor_id: int, organisation_id: int) -> frozenset[str]:
    """Every section some current consent lets the survivor's file share with the organisation."""
    covered: set[str] = set()
    for sections in share_consents(
        survivor_id=survivor_id, organisation_id=organisation_id
    ).values_list("sections", flat=True):
        covered.update(sections)
    return frozenset(covered)


def consented_sections_by_org(
    *, survivor_id: int, organisation_ids: Iterable[int]
) -> dict[int, frozenset[str]]:
    """``consented_sections`` for several organisations at once, in one query."""
    covered: dict[int, set[str]] = {pk: set() for pk in organisation_ids}
    for recipient_id, sections in (
        ConsentGrant.objects.current()
        .filter(
            survivor_id=survivor_id,
            scope=ConsentScope.SHARE_WITH_ORG,
            recipient_id__in=list(covered),
        )
        .values_list("recipient_id", "sections")
    ):
        covered[recipient_id].update(sections)
    return {pk: frozenset(sections) for pk, sections in covered.items()}


def current_agreement(*, organisation_id: int, partner_id: int) -> PartnerAgreement | None:
    """The newest agreement in effect today between the organisation and the partner, if any."""
    return (
        PartnerAgreement.objects.current()
        .filter(organisation_id=organisation_id, partner_id=partner_id)
        .order_by("-effective_from", "-id")
        .first()
    )


def live_referrals(on: datetime.date | None = None) -> QuerySet[Referral]:
    """Accepted referrals whose access holds today, in one query."""
    day = on or timezone.localdate()
    consent = ConsentGrant.objects.current(day).filter(
        survivor_id=OuterRef("case__survivor_id"),
        scope=ConsentScope.SHARE_WITH_ORG,
        recipient_id=OuterRef("to_org_id"),
    )
    agreement = PartnerAgreement.objects.current(day).filter(
        organisation_id=OuterRef("from_org_id"), partner_id=OuterRef("to_org_id")
    )
    return Referral.objects.filter(
        Exists(consent),
        Q(transfer__isnull=False) | Exists(agreement),
        status=vocab.ReferralStatus.ACCEPTED,
        case__organisation_id=F("from_org_id"),
    )


def live_referral_ids(referral_ids: Iterable[int]) -> set[int]:
    """Which of these referrals' access holds today, in one query (a page of an inbox)."""
    return set(live_referrals().filter(pk__in=list(referral_ids)).values_list("pk", flat=True))


def shared_sections(referral: Referral) -> frozenset[str]:
    """The sections the receiver of ``referral`` may read now; empty when access has ended."""
    if not live_referrals().filter(pk=referral.pk).exists():
        return frozenset()
    covered = consented_sections(
        survivor_id=referral.case.survivor_id, organisation_id=referral.to_org_id
    )
    return frozenset(referral.sections) & covered


def is_sender(user: User, referral: Referral) -> bool:
    """A member of the referring organisation who may open the case itself."""
    membership = user.active_membership if user.is_authenticated else None
    return (
        membership is not None
        and membership.organisation_id == referral.from_org_id
        and visible_cases(user=user).filter(pk=referral.case_id).exists()
    )


def is_receiver(user: User, referral: Referral) -> bool:
    """A member of the receiving organisation who may work this referral.

    Anyone who answers referrals sees a pending one (its summary has no
    identity); once accepted it is worked by the person it is assigned to
    and overseen by supervisors, like a case.
    """
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or membership.organisation_id != referral.to_org_id:
        return False
    if not user.has_amparo_perm(Perm.REFERRALS):
        return False
    if referral.status == vocab.ReferralStatus.PENDING:
        return True
    return user.has_amparo_perm(Perm.CASES_ALL) or referral.assigned_to_id == user.pk


def visible_referrals(*, user: User, box: str = "") -> QuerySet[Referral]:
    """Referrals ``user`` may open, sent or received (``box`` "sent" or "received"
    for one side only, which keeps an inbox's query to one index); never a third
    organisation's.
    """
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not user.has_amparo_perm(Perm.REFERRALS):
        return Referral.objects.none()
    org = membership.organisation_id
    # EXISTS on the referral's own case, not IN (every visible case): a supervisor sees
    # half a million cases, and IN made every header's unread count hash them all.
    sent = Q(from_org_id=org) & Q(Exists(visible_cases(user=user).filter(pk=OuterRef("case_id"))))
    received = Q(to_org_id=org)
    if not user.has_amparo_perm(Perm.CASES_ALL):
        received &= Q(status=vocab.ReferralStatus.PENDING) | Q(assigned_to=user)
    sides = {"sent": sent, "received": received}
    return Referral.objects.filter(sides.get(box, sent | received))


def sender_required(user: User, referral: Referral) -> Membership:
    """Raise ``Denied`` unless ``user`` may act for the referring side: work referrals,
    edit cases and open the referred case."""
    membership = perm_required(user, Perm.REFERRALS)
    perm_required(user, Perm.EDIT_CASE)
    if not is_sender(user, referral):
        raise Denied
    return membership


def receiver_required(user: User, referral: Referral) -> Membership:
    """Raise ``Denied`` unless ``user`` works ``referral`` for the receiving side."""
    membership = perm_required(user, Perm.REFERRALS)
    if not is_receiver(user, referral):
        raise Denied
    return membership


def may_decide_transfer(user: User, transfer: Transfer, *, receiving: bool) -> bool:
    """A supervisor of the named side who may edit cases: who answers (receiving) or
    cancels (sending) a transfer. Transfers move a whole file between organisations."""
    membership = user.active_membership if user.is_authenticated else None
    side = transfer.to_org_id if receiving else transfer.from_org_id
    return (
        membership is not None
        and membership.organisation_id == side
        and user.has_amparo_perm(Perm.CASES_ALL)
        and user.has_amparo_perm(Perm.EDIT_CASE)
    )


def transfer_decider_required(user: User, transfer: Transfer, *, receiving: bool) -> Membership:
    """Raise ``Denied`` unless ``user`` decides ``transfer`` for the named side."""
    membership = perm_required(user, Perm.CASES_ALL)
    perm_required(user, Perm.EDIT_CASE)
    if not may_decide_transfer(user, transfer, receiving=receiving):
        raise Denied
    return membership
