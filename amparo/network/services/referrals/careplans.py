"""A partner plans the care it gives a survivor it was referred, under the referral.

The plan is the partner's plan of its own services: drafted and sent by its
worker, approved by its own supervisor, versioned and approved apart from the
case's own plan, which it never supersedes. The sender reads it under the
referral and is told once it is approved; the case stays with its owner.
"""

import datetime

from django.db import transaction

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.models import CarePlan
from amparo.aftercare.services.careplans import care_plan_approve, care_plan_draft, care_plan_submit
from amparo.core.exceptions import NotFound
from amparo.network import vocab
from amparo.network.models import Referral
from amparo.network.selectors import members_with
from amparo.network.services.notify import notify
from amparo.network.services.referrals.common import restoration_receiver_lock


def _partner_plan(referral: Referral, organisation_id: int, plan_id: int) -> CarePlan:
    # A plan of another case, the owner's own or another partner's is not found here.
    plan = CarePlan.objects.filter(
        pk=plan_id, case_id=referral.case_id, partner_organisation_id=organisation_id
    ).first()
    if plan is None:
        raise NotFound
    return plan


@transaction.atomic
def partner_care_plan_draft(
    *,
    actor: User,
    referral: Referral,
    summary: str,
    review_due_on: datetime.date,
    goals: list[GoalInput],
) -> CarePlan:
    """Draft a version of the receiver's care plan for the referred survivor.

    Receiver only (``Denied``), on a live referral that asked for restoration
    services (else a field error on ``referral``); goals are in the domains of
    the receiver's instrument and not due before the referral was accepted;
    then every rule of ``care_plan_draft``, which audits it. Nothing is
    written when any check fails.
    """
    locked, organisation_id, since = restoration_receiver_lock(actor, referral)
    return care_plan_draft(
        actor=actor,
        case=locked.case,
        summary=summary,
        review_due_on=review_due_on,
        goals=goals,
        partner_organisation_id=organisation_id,
        since=since,
    )


@transaction.atomic
def partner_care_plan_submit(*, actor: User, referral: Referral, plan_id: int) -> CarePlan:
    """Send the receiver's draft for its own supervisors' approval, and tell them.

    Receiver only (``Denied``), on a live referral; a plan that is not the
    receiver's under this referral's case is ``NotFound``; then every rule
    of ``care_plan_submit`` (a draft, once), which audits it. The supervisors
    hear of it by a notification that leads to the referral, the one page of
    the case they may open.
    """
    locked, organisation_id, _since = restoration_receiver_lock(actor, referral)
    plan = care_plan_submit(actor=actor, plan=_partner_plan(locked, organisation_id, plan_id))
    deciders = [
        u for u in members_with(organisation_id, Perm.ASSIGN, Perm.REFERRALS) if u.pk != actor.pk
    ]
    notify(deciders, vocab.NotificationKind.PARTNER_PLAN_PENDING, referral=locked)
    return plan


@transaction.atomic
def partner_care_plan_approve(*, actor: User, referral: Referral, plan_id: int) -> CarePlan:
    """The receiver's supervisor approves its plan; its previous approved version is superseded.

    Receiver only (``Denied``), on a live referral; a plan that is not the
    receiver's is ``NotFound``; then every rule of ``care_plan_approve``
    (ASSIGN, a plan waiting, once), which audits it. The case's own plan is
    untouched. The sender is notified.
    """
    locked, organisation_id, _since = restoration_receiver_lock(actor, referral)
    plan = care_plan_approve(actor=actor, plan=_partner_plan(locked, organisation_id, plan_id))
    notify([locked.sent_by], vocab.NotificationKind.PARTNER_CARE_PLAN, referral=locked)
    return plan
