"""What every referral service shares: the consent check, the row lock, a refusal."""

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from amparo.cases.models import Case
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors
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
