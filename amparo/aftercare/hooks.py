"""What restoration adds to the case file and to closing a case, registered at start-up."""

from amparo.aftercare.services.closure import restoration_closure_check
from amparo.aftercare.views.casefile_hook import restoration_context_for_case
from amparo.cases.extensions import CaseFileSection, case_file_sections, closure_checks


def register() -> None:
    """Called once by ``AftercareConfig.ready()``; registering again changes nothing."""
    case_file_sections.register(
        CaseFileSection(
            template="aftercare/_case_restoration.html", context=restoration_context_for_case
        )
    )
    closure_checks.register(restoration_closure_check)
