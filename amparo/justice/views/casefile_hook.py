"""What a survivor's case file needs to show its legal cases (``justice/_case_legal.html``)."""

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.models import Case
from amparo.justice.selectors import legal_cases_for_case, legal_status_elsewhere


def legal_context_for_case(*, user: User, case: Case) -> dict[str, object]:
    """The legal cases about ``case`` that ``user`` may see, for the file's legal section.

    The caller has already opened the case (and logged that read); listing the
    legal cases' titles and stages is part of that read.
    """
    return {
        "legal_cases": list(legal_cases_for_case(user=user, case=case)),
        "legal_cases_elsewhere": list(legal_status_elsewhere(case=case)),
        "may_open_legal_case": user.has_amparo_perm(Perm.EDIT_CASE),
    }
