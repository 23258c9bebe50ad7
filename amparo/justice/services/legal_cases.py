"""Opening, staffing and closing legal cases."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.selectors import visible_cases
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors
from amparo.justice import events, vocab
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import (
    Court,
    LegalCase,
    LegalCaseLawyer,
)
from amparo.justice.selectors import LAWYER_ROLES, lawyers_of
from amparo.justice.services.common import (
    _current_stages,
    _lock,
    _stage_create,
    _validate_people,
    _victims_born,
)


@transaction.atomic
def legal_case_open(*, actor: User, data: LegalCaseInput) -> LegalCase:
    """Open a legal case of the actor's organisation for survivors' cases they can open.

    Refuses (``Denied``) a role that may not change legal cases, and (field
    errors) a missing title, an unknown court or offence category, a victim's
    case the actor cannot open, someone not a lawyer or supervisor of the
    organisation, and a complaint date in the future or before a victim was
    born. A lawyer or supervisor who opens it is put on it. Audited as
    ``legal.opened``, one ``legal.victim_linked`` per victim, and the
    complaint's ``stage.recorded`` when dated.
    """
    membership = perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    if not data.title.strip():
        errors.add("title", _("Give the legal case a short title (no names)."))
    errors.choice("offence_category", data.offence_category, vocab.OffenceCategory)
    if not Court.objects.filter(pk=data.court_id).exists():
        errors.add("court_id", _("Choose a court from the list."))
    born = _victims_born(
        visible_cases(user=actor)
        .filter(pk__in=data.victim_case_ids)
        .values_list("survivor__birth_year", flat=True)
    )
    errors.past_date("complaint_on", data.complaint_on, born=born)
    _validate_people(errors, data, actor=actor, membership=membership)
    errors.raise_if_any()
    legal_case = LegalCase.objects.create(
        organisation=membership.organisation,
        title=data.title.strip(),
        reference=data.reference.strip(),
        court_id=data.court_id,
        offence_category=data.offence_category,
        created_by=actor,
    )
    legal_case.victims.set(data.victim_case_ids)
    lawyer_ids = set(data.lawyer_ids)
    if membership.role in LAWYER_ROLES:
        lawyer_ids.add(actor.pk)
    LegalCaseLawyer.objects.bulk_create(
        LegalCaseLawyer(legal_case=legal_case, user_id=u) for u in sorted(lawyer_ids)
    )
    events.legal_case_opened(actor=actor, legal_case=legal_case)
    for case in legal_case.victims.select_related("survivor"):
        events.legal_victim_linked(actor=actor, legal_case=legal_case, case=case)
    if data.complaint_on is not None:
        _stage_create(
            actor=actor,
            legal_case=legal_case,
            stage=vocab.Stage.COMPLAINT_FILED,
            occurred_on=data.complaint_on,
        )
    return legal_case


@transaction.atomic
def legal_case_link_victim(*, actor: User, legal_case: LegalCase, case_id: int) -> LegalCase:
    """Link a survivor's case the actor can open, of the legal case's organisation.

    Refuses (``Denied``) a role that may not change legal cases and (field
    error) any other case. A link sent twice at once waits on the legal case's
    lock; linking a case already linked changes nothing. Audited as
    ``legal.victim_linked``, naming the case.
    """
    perm_required(actor, Perm.EDIT_CASE)
    LegalCase.objects.select_for_update().get(pk=legal_case.pk)
    case = visible_cases(user=actor).filter(pk=case_id).select_related("survivor").first()
    if case is None or case.organisation_id != legal_case.organisation_id:
        raise ValidationError(
            {"case_id": [_("Choose a survivor's case of your organisation that you can open.")]}
        )
    legal_case.victims.add(case)
    events.legal_victim_linked(actor=actor, legal_case=legal_case, case=case)
    return legal_case


@transaction.atomic
def lawyer_assign(*, actor: User, legal_case: LegalCase, user_id: int) -> LegalCaseLawyer:
    """Put a lawyer or supervisor of the legal case's organisation on it, once.

    Refuses (``Denied``) a role that may not change legal cases and (field
    errors) anyone else or someone already on it; under the legal case's
    lock, so of two assignments sent at once the second is a conflict.
    Audited as ``legal.lawyer_assigned``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    LegalCase.objects.select_for_update().get(pk=legal_case.pk)
    errors = Errors()
    ok = lawyers_of(organisation_id=legal_case.organisation_id).filter(user_id=user_id).exists()
    if not ok:
        errors.add("user_id", _("Choose a lawyer or supervisor of this organisation."))
    elif LegalCaseLawyer.objects.filter(
        legal_case=legal_case, user_id=user_id, ended_at__isnull=True
    ).exists():
        errors.add("user_id", _("This lawyer is already assigned."))
    errors.raise_if_any()
    with duplicate_refused(
        constraint="uniq_active_lawyer",
        field="user_id",
        message=_("This lawyer is already assigned."),
    ):
        assignment = LegalCaseLawyer.objects.create(legal_case=legal_case, user_id=user_id)
    events.legal_lawyer_assigned(actor=actor, legal_case=legal_case)
    return assignment


@transaction.atomic
def legal_case_close(
    *,
    actor: User,
    legal_case: LegalCase,
    expected_version: int,
    reason: str,
    closed_on: datetime.date | None = None,
) -> LegalCase:
    """Close the legal case with a reason, on ``closed_on`` (today by default).

    Refuses (``Denied``) a role that may not change legal cases. Under the
    legal case's lock: a case already closed, an unknown reason, "final
    verdict" without a verdict, and a day before the complaint, before the
    last stage or in the future are field errors; an older version is
    ``StaleVersionError``. Audited as ``legal.closed`` with the fields changed.
    """
    perm_required(actor, Perm.EDIT_CASE)
    day = closed_on or timezone.localdate()
    locked = _lock(legal_case)
    errors = Errors()
    errors.choice("closure_reason", reason, vocab.LegalClosureReason)
    if reason == vocab.LegalClosureReason.VERDICT_FINAL and not locked.verdict_on:
        errors.add("closure_reason", _("There is no verdict yet."))
    if locked.complaint_on and day < locked.complaint_on:
        errors.add("closed_on", _("A legal case cannot close before its complaint was filed."))
    else:
        errors.past_date(
            "closed_on",
            day,
            after=[(max(_current_stages(locked).values(), default=None), _("the last stage"))],
        )
    errors.raise_if_any()
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={
            "status": vocab.LegalCaseStatus.CLOSED,
            "closed_on": day,
            "closure_reason": reason,
        },
    )
    events.legal_case_closed(actor=actor, legal_case=locked, changed_fields=changed)
    return locked
