"""A case changing hands: another organisation becomes its owner (a transfer accepted)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.cases import vocab
from amparo.cases.codes import new_case_code
from amparo.cases.models import Case, CaseAssignment
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors


def _free_code(organisation: Organisation) -> str:
    while True:
        code = new_case_code(organisation.code)
        if not Case.objects.filter(organisation=organisation, code=code).exists():
            return code


@transaction.atomic
def case_owner_change(*, case: Case, organisation: Organisation) -> Case:
    """Make ``organisation`` the owner of the open ``case``, under a code of its own.

    Locks the case, refuses a closed case or an inactive or unchanged owner
    (``ValidationError``), gives the case a code free in the new
    organisation, ends every open assignment (they were the old owner's
    people) and bumps the case's version. The caller decides that the case
    may move (the transfer and its consent) and writes the audit event.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    errors = Errors()
    if locked.status not in vocab.OPEN_STATUSES:
        errors.add("case", _("This case is closed."))
    if not organisation.is_active or organisation.pk == locked.organisation_id:
        errors.add("organisation", _("Choose another active organisation."))
    errors.raise_if_any()
    CaseAssignment.objects.filter(case=locked, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    apply_changes(
        locked,
        expected_version=locked.version,
        changes={"organisation_id": organisation.pk, "code": _free_code(organisation)},
    )
    return locked
