"""Loading an organisation's own restoration instrument."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare import events
from amparo.aftercare.instruments import InstrumentFileError, load_instrument
from amparo.aftercare.models import Instrument
from amparo.core.validation import Errors


@transaction.atomic
def instrument_upload(*, actor: User, data: Any) -> Instrument:
    """Load an instrument (same format as the built-in file) for the actor's organisation.

    Needs MANAGE_ORG (``Denied``). Under the organisation's lock, so two
    uploads of one code give one instrument and one refusal; a file that is
    not a valid instrument is refused (ValidationError on ``file``). The
    newest loaded instrument becomes the organisation's active one. Audited.
    """
    membership = perm_required(actor, Perm.MANAGE_ORG)
    # Two uploads of one code at once: the second waits here, then finds the first.
    Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    errors = Errors()
    if not isinstance(data, dict):
        errors.add("file", _("The file must hold one JSON object."))
        errors.raise_if_any()
    code = str(data.get("code") or "")
    if Instrument.objects.filter(organisation=membership.organisation, code=code).exists():
        errors.add(
            "file", _("An instrument with the code %(code)s is already loaded.") % {"code": code}
        )
    errors.raise_if_any()
    try:
        instrument = load_instrument(data=data, organisation=membership.organisation)
    except (InstrumentFileError, KeyError, TypeError, ValueError) as exc:
        errors.add(
            "file",
            str(exc)
            if isinstance(exc, InstrumentFileError)
            else _("The instrument file is not valid: %(error)s") % {"error": exc},
        )
        errors.raise_if_any()
    events.instrument_loaded(actor=actor, instrument=instrument)
    return instrument
