"""What every referral service shares: the consent check, the row lock, a refusal."""

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.aftercare.vocab import ServiceType
from amparo.cases.models import Case
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, Step, local_day
from amparo.network import access
from amparo.network.models import Referral
from amparo.people.models import ConsentGrant
from amparo.people.vocab import Section

MAX_MESSAGE_LENGTH = 4000
# Enough to say what is needed and how soon; short, so it is read before answering.
MAX_TRIAGE_LENGTH = 500


def _section_names(sections: set[str] | frozenset[str]) -> str:
    # An unknown value is reported by its own check; here it is named as given, not a crash.
    names = dict(Section.choices)
    return ", ".join(str(names.get(s, s)) for s in sorted(sections))


def check_consent_covers(
    errors: Errors, *, case: Case, to_org_id: int, sections: list[str], field: str = "sections"
) -> ConsentGrant | None:
    """The current consent to share with ``to_org_id`` that covers ``sections``, or an error.

    Adds to ``errors`` (under ``to_org`` when there is no consent, else under
    ``field``) and returns None when no current consent covers them; writes nothing.
    """
    grants = list(access.share_consents(survivor_id=case.survivor_id, organisation_id=to_org_id))
    if not grants:
        errors.add(
            "to_org",
            _(
                "The survivor has no current consent to share with this organisation. "
                "Record their consent on the case file first."
            ),
        )
        return None
    covered = set().union(*(g.sections for g in grants))
    missing = set(sections) - covered
    if missing:
        errors.add(
            field,
            _("The survivor's consent does not cover: %(sections)s.")
            % {"sections": _section_names(missing)},
        )
        return None
    # The newest grant that alone covers everything, else the newest: recorded as the basis.
    return next((g for g in grants if set(sections) <= set(g.sections)), grants[0])


def lock(referral: Referral, expected_version: int) -> Referral:
    """The referral's row, locked for the caller's transaction; a stale version is refused."""
    # The referral row only: a transfer locks the case and then its referrals, and
    # taking both here in the other order could deadlock with it (PostgreSQL).
    locked = (
        Referral.objects.select_for_update(of=("self",)).select_related("case").get(pk=referral.pk)
    )
    if locked.version != expected_version:
        apply_changes(locked, expected_version=expected_version, changes={})
    return locked


def refuse_field(field: str, message: str) -> NoReturn:
    """Refuse with one field error (a 400 in the API), writing nothing.

    Unlike ``amparo.core.concurrency.refuse`` (a conflict, 409), this is for a
    state the request should not have asked of the record.
    """
    raise ValidationError({field: [message]})


def live_receiver_lock(actor: User, referral: Referral) -> tuple[Referral, int]:
    """The referral's row, locked, and the receiving organisation's id, for a partner's
    write under it: the actor must be its receiver (``Denied``) and the referral live
    (a field error on ``referral``), both read under the lock."""
    # The referral row only, as every partner write does: a transfer locks the
    # case first and then its referrals, and a revocation waits or comes first.
    locked = (
        Referral.objects.select_for_update(of=("self",)).select_related("case").get(pk=referral.pk)
    )
    membership = access.receiver_required(actor, locked)
    if not access.live_referrals().filter(pk=locked.pk).exists():
        refuse_field(
            "referral",
            _("This referral no longer gives your organisation access: nothing was recorded."),
        )
    return locked, membership.organisation_id


# The services whose referral lets the receiver assess the survivor's restoration and
# plan its care: those that accompany a survivor for months (a home, counselling, the
# family, school, work, income). Not crisis care (days), nor a single medical, legal or
# documentation service: none of them follows the survivor's restoration.
RESTORATION_SERVICES = frozenset(
    {
        ServiceType.SHELTER,
        ServiceType.PSYCHOSOCIAL,
        ServiceType.FAMILY,
        ServiceType.EDUCATION,
        ServiceType.VOCATIONAL,
        ServiceType.ECONOMIC,
    }
)


def restoration_receiver_lock(actor: User, referral: Referral) -> tuple[Referral, int, Step]:
    """``live_receiver_lock`` for a restoration record (an assessment, a care plan) under
    a referral that asked for one of ``RESTORATION_SERVICES`` (else a field error on
    ``referral``); also the first day such a record may be dated: its acceptance."""
    locked, organisation_id = live_receiver_lock(actor, referral)
    if not RESTORATION_SERVICES & set(locked.services):
        refuse_field(
            "referral",
            _("This referral asked for no restoration services: record no assessment or plan."),
        )
    # Accepted, as a live referral is; its day stands in for the case's opening, which
    # the partner is not told (a date refused "before the case was opened" would say it).
    assert locked.responded_at is not None
    return locked, organisation_id, (local_day(locked.responded_at), _("the referral was accepted"))
