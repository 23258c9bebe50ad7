"""Reading closure requests: those of a case, one of them, and those waiting for a supervisor."""

from django.db.models import QuerySet

from amparo.accounts.models import User
from amparo.cases import vocab
from amparo.cases.models import Case, ClosureRequest
from amparo.cases.selectors import case_get_for_user, visible_cases
from amparo.core.exceptions import NotFound


def closure_requests_for_case(*, case: Case) -> QuerySet[ClosureRequest]:
    """Every closure request of a case the caller has already opened
    (``case_get_for_user``, which logged the read), newest first."""
    return (
        ClosureRequest.objects.filter(case=case)
        .select_related("requested_by", "decided_by")
        .order_by("-created_at", "-id")
    )


def pending_closure_request_for_case(*, case: Case) -> ClosureRequest | None:
    """The request waiting for a supervisor on a case the caller has opened, if any."""
    return (
        closure_requests_for_case(case=case)
        .filter(status=vocab.ClosureRequestStatus.PENDING)
        .first()
    )


def closure_request_get_for_user(
    *, user: User, case_id: int, request_id: int, log_read: bool = True
) -> ClosureRequest:
    """One closure request of a case ``user`` may open, else ``NotFound``.

    The case is opened through ``case_get_for_user``, which logs the read
    (the justification is about the survivor) unless told not to.
    """
    case = case_get_for_user(user=user, case_id=case_id, log_read=log_read)
    request = closure_requests_for_case(case=case).filter(pk=request_id).first()
    if request is None:
        raise NotFound
    request.case = case
    return request


def pending_closure_requests(*, user: User) -> QuerySet[ClosureRequest]:
    """Closure requests waiting for a decision on the open cases ``user`` may open,
    oldest first, with their case, survivor (pseudonym) and requester: one query."""
    return (
        ClosureRequest.objects.filter(
            status=vocab.ClosureRequestStatus.PENDING,
            case__in=visible_cases(user=user).filter(status__in=vocab.OPEN_STATUSES),
        )
        .select_related("case__survivor", "requested_by")
        .order_by("created_at", "id")
    )
