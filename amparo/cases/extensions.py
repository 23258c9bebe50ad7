"""What apps built on cases add to it, registered in their ``AppConfig.ready()``.

``case_file_sections``: the sections a survivor's case file shows below its
own (legal, restoration, network), in registration order. ``context`` is
called with ``user`` and a case that user has opened, and returns what its
template needs; it writes any read events itself.

``closure_checks``: what must hold before a case may close without a
supervisor's override (restoration: the survivor is restored). Each is
called with the case, locked by ``case_close``, and answers a
``ClosureCheck``; the case closes freely only when every check is met.

``work_items``: what a user must do soon on the cases they work, beyond
restoration's own (justice: hearings), for "My work". Each is called as
``source(user=..., horizon_days=..., today=...)`` and answers ``WorkItem``s
over what that user may see.

``case_assigned``: what follows a worker's assignment to a case (network: a
notification). Called with the new ``CaseAssignment`` inside ``case_assign``'s
transaction; never for someone assigning themselves.

``closure_requested`` and ``closure_request_decided``: what follows a
caseworker's asking a supervisor to close a case, and the supervisor's
approving or declining it (network: notifications to the organisation's
supervisors, then to the requester). Called with the ``ClosureRequest``
inside the service's transaction.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from amparo.accounts.models import User
from amparo.core.hooks import Hooks

if TYPE_CHECKING:
    from amparo.cases.models import Case, CaseAssignment, ClosureRequest


@dataclass(frozen=True)
class CaseFileSection:
    template: str
    context: Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class ClosureCheck:
    met: bool
    reasons: list[str] = field(default_factory=list)
    restored_on: datetime.date | None = None


@dataclass(frozen=True)
class WorkItem:
    kind: str  # assessment, follow_up, care_plan_review, task, hearing
    label: str
    due_on: datetime.date
    case: "Case | None"
    overdue: bool
    url_hint: str = ""


class WorkSource(Protocol):
    def __call__(
        self, *, user: User, horizon_days: int, today: datetime.date
    ) -> list[WorkItem]: ...


case_file_sections: Hooks[CaseFileSection] = Hooks("case file sections")
closure_checks: Hooks[Callable[["Case"], ClosureCheck]] = Hooks("closure checks")
work_items: Hooks[WorkSource] = Hooks("work items")
case_assigned: Hooks[Callable[["CaseAssignment"], None]] = Hooks("case assigned")
closure_requested: Hooks[Callable[["ClosureRequest"], None]] = Hooks("closure requested")
closure_request_decided: Hooks[Callable[["ClosureRequest"], None]] = Hooks(
    "closure request decided"
)


def closure_check_for(case: "Case") -> ClosureCheck:
    """What every registered check says about closing ``case``, as one answer.

    Met when every check is met (no checks: met); the reasons are all the
    unmet checks' reasons, in registration order; ``restored_on`` is the
    latest day a check gives, when all are met from that day on.
    """
    answers = [check(case) for check in closure_checks]
    met = all(answer.met for answer in answers)
    days = [answer.restored_on for answer in answers if answer.restored_on is not None]
    return ClosureCheck(
        met=met,
        reasons=[reason for answer in answers for reason in answer.reasons],
        restored_on=max(days) if met and days else None,
    )
