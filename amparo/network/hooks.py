"""What the network adds to the case file and to a consent's withdrawal, registered at start-up."""

from amparo.cases.extensions import CaseFileSection, case_file_sections
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
