"""What a case file needs to show its referrals and transfers (``network/_case_network.html``)."""

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.models import Case
from amparo.network import selectors


def network_context_for_case(*, user: User, case: Case) -> dict[str, object]:
    """Referrals sent from ``case`` and its transfers, in two queries whatever their number.

    The caller has already opened the case (and logged that read).
    """
    is_open = case.closed_on is None
    may_edit = user.has_amparo_perm(Perm.EDIT_CASE)
    return {
        "case_referrals": list(selectors.referrals_for_case(case=case)),
        "case_transfers": list(selectors.transfers_for_case(case=case)),
        "may_refer": is_open and may_edit and user.has_amparo_perm(Perm.REFERRALS),
        "may_transfer": is_open and may_edit and user.has_amparo_perm(Perm.CASES_ALL),
    }
