"""What the restoration endpoints share: how they reach the case, and their error responses.

An endpoint about a case declares ``CASE_PERMS`` (it opens a case file) with
``refused_as_not_found``: a role with no caseload is told the case is not
found, as a case it may not open is. How it then reaches the case says the
rest: to read, to change (EDIT_CASE) or to decide (ASSIGN). That role is
checked here, after the lookup, not declared: a case the user may not open
must be a 404 before a role that may not change or decide it is a 403 (a
declaration answers before the lookup), and the 403 comes before the body is
read. The service checks the same again as the one place the rule lives.
"""

from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request

from amparo.accounts.access import perm_required
from amparo.accounts.roles import Perm
from amparo.cases.models import Case
from amparo.cases.selectors import case_get_for_user

MAX_ID = 10**18 - 1

READ_RESPONSES = {404: OpenApiResponse(description="Not found")}
WRITE_RESPONSES = {
    400: OpenApiResponse(description="Field errors (dotted keys); nothing was written"),
    403: OpenApiResponse(description="The role may not do this"),
    404: OpenApiResponse(description="Not found"),
}
VERSIONED_RESPONSES = {
    **WRITE_RESPONSES,
    409: OpenApiResponse(description="Stale version"),
    428: OpenApiResponse(description="Version missing"),
}


def case_to_read(request: Request, case_id: int) -> Case:
    """A case the user may open (404 otherwise); the read is logged."""
    return case_get_for_user(user=request.user, case_id=case_id)


def case_to_change(request: Request, case_id: int) -> Case:
    """A case the user may open (404) and edit (403); the write logs itself."""
    return case_get_for_user(user=request.user, case_id=case_id, log_read=False, for_update=True)


def case_to_decide(request: Request, case_id: int) -> Case:
    """For supervisor decisions: a case the user may open (404) and decide on (403).

    The decision services check ASSIGN themselves; asking it here too keeps
    the 403 ahead of the body's 400, as ``case_to_change`` does for EDIT_CASE,
    and after the lookup, so another organisation's case stays a 404.
    """
    case = case_get_for_user(user=request.user, case_id=case_id, log_read=False)
    perm_required(request.user, Perm.ASSIGN)
    return case
