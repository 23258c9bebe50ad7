"""Case notes, encrypted, with a length limit."""

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases import events
from amparo.cases.models import Case, CaseNote
from amparo.core.validation import Errors

MAX_NOTE_LENGTH = 20_000


def _note_create(*, actor: User, case: Case, body: str) -> CaseNote:
    note = CaseNote.objects.create(case=case, author=actor, body=body.strip())
    events.note_added(actor=actor, note=note)
    return note


@transaction.atomic
def note_add(*, actor: User, case: Case, body: str) -> CaseNote:
    """Add a note (stored encrypted) to ``case``.

    Needs EDIT_CASE (``Denied``). Refuses an empty note or one over
    MAX_NOTE_LENGTH; writes ``note.added``, which never holds the text.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    if not body.strip():
        errors.add("body", _("Write something in the note."))
    if len(body) > MAX_NOTE_LENGTH:
        errors.add("body", _("A note can be at most %(n)s characters.") % {"n": MAX_NOTE_LENGTH})
    errors.raise_if_any()
    return _note_create(actor=actor, case=case, body=body)
