"""What the network adds to the case file and to a consent's withdrawal, registered at start-up."""

from amparo.aftercare.extensions import task_created, work_overdue
from amparo.cases.extensions import (
    CaseFileSection,
    case_assigned,
    case_file_sections,
    closure_request_decided,
    closure_requested,
)
from amparo.network.services.notify import (
    notify_approval_requested,
    notify_assigned,
    notify_closure_decided,
    notify_closure_requested,
    notify_overdue,
)
from amparo.network.services.referrals import referrals_end_for_consent
from amparo.network.views.casefile_hook import network_context_for_case
from amparo.people.extensions import consent_withdrawn


def register() -> None:
    """Called once by ``NetworkConfig.ready()``; registering again changes nothing."""
    case_file_sections.register(
        CaseFileSection(template="network/_case_network.html", context=network_context_for_case)
    )
    # Withdrawing a consent ends the referrals it covered, in the same transaction.
    consent_withdrawn.register(referrals_end_for_consent)
    # Assignments, approvals asked and overdue work reach people as notifications.
    case_assigned.register(notify_assigned)
    task_created.register(notify_approval_requested)
    work_overdue.register(notify_overdue)
    # A closure asked of the supervisors is an approval waiting; its decision reaches the asker.
    closure_requested.register(notify_closure_requested)
    closure_request_decided.register(notify_closure_decided)
