"""What justice adds to the case file and to "My work", registered at start-up."""

import datetime

from django.utils import timezone

from amparo.accounts.models import User
from amparo.cases.extensions import CaseFileSection, WorkItem, case_file_sections, work_items
from amparo.justice.selectors import upcoming_hearings
from amparo.justice.views.casefile_hook import legal_context_for_case


def hearing_work_items(*, user: User, horizon_days: int, today: datetime.date) -> list[WorkItem]:
    """The user's hearings of the next ``horizon_days`` (at most 100), never overdue."""
    return [
        WorkItem(
            "hearing",
            f"{hearing.get_kind_display()} — {hearing.legal_case.title}",
            timezone.localtime(hearing.scheduled_for).date(),
            None,
            False,
            url_hint=str(hearing.legal_case_id),
        )
        for hearing in upcoming_hearings(user=user, days=horizon_days)[:100]
    ]


def register() -> None:
    """Called once by ``JusticeConfig.ready()``; registering again changes nothing."""
    case_file_sections.register(
        CaseFileSection(template="justice/_case_legal.html", context=legal_context_for_case)
    )
    work_items.register(hearing_work_items)
