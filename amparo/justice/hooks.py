"""What justice adds to the case file and to "My work", registered at start-up."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.cases.extensions import CaseFileSection, WorkItem, case_file_sections, work_items
from amparo.justice.selectors import hearings_awaiting_outcome, upcoming_hearings
from amparo.justice.views.casefile_hook import legal_context_for_case


def hearing_work_items(*, user: User, horizon_days: int, today: datetime.date) -> list[WorkItem]:
    """The user's hearings of the next ``horizon_days`` (at most 100), and those held
    whose outcome is still to record (at most 100, overdue from the day after)."""
    awaiting = [
        WorkItem(
            "hearing_outcome",
            _("Record the outcome: %(hearing)s — %(case)s")
            % {"hearing": hearing.get_kind_display(), "case": hearing.legal_case.title},
            timezone.localtime(hearing.scheduled_for).date(),
            None,
            True,
            url_hint=str(hearing.legal_case_id),
        )
        for hearing in hearings_awaiting_outcome(user=user)[:100]
    ]
    return awaiting + [
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
